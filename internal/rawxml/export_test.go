package rawxml

// SetUnitLimit lowers the most bytes s holds for one unfinished unit, so
// that tests can pass the limit without writing 256 MiB.
func SetUnitLimit(s *Splitter, n int) { s.limit = n }

// MaxUnit is the limit a new Splitter has.
const MaxUnit = maxUnit
