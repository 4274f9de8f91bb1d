package catalog

import (
	"embed"
	"errors"
	"io/fs"
	"slices"
	"sync"
)

// lessonFiles holds the lesson files (lessons/FORMAT.md says how they
// are written).
//
//go:embed lessons/*.lesson
var lessonFiles embed.FS

// lessonSet is the embedded lessons, parsed once, with what failed.
type lessonSet struct {
	all []*Lesson
	err error
}

var embeddedLessons = sync.OnceValue(func() lessonSet {
	ls, err := ParseLessonsFS(lessonFiles, "lessons/*"+LessonExt)
	return lessonSet{ls, err}
})

// ParseLessonsFS parses every file of fsys that matches the glob pattern,
// each under its base name, and returns the lessons that parsed, sorted
// by name, with every error found, joined.
func ParseLessonsFS(fsys fs.FS, pattern string) ([]*Lesson, error) {
	ls, errs := parseFiles(fsys, pattern, ParseLesson, func(l *Lesson) string { return l.Name })
	return ls, errors.Join(errs...)
}

// Lessons returns every embedded lesson that parsed, sorted by name. They
// are shared: do not modify them.
func Lessons() []*Lesson { return slices.Clone(embeddedLessons().all) }

// LoadLessons reports what went wrong parsing the embedded lessons, or
// nil.
func LoadLessons() error { return embeddedLessons().err }

// LookupLesson returns the embedded lesson called name.
func LookupLesson(name string) (*Lesson, bool) {
	for _, l := range embeddedLessons().all {
		if l.Name == name {
			return l, true
		}
	}
	return nil, false
}
