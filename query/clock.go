package query

import (
	"fmt"
	"math"
	"time"
)

// The clock a search may be given (Config.Now, WithNow): years 1 to 9999,
// the times SPL's time formats and RFC 3339 can write.
var (
	minNow = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxNow = time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC)
)

// checkNow reports a clock outside years 1 to 9999 (what a NaN, infinite
// or huge epoch time converts to).
func checkNow(now time.Time) error {
	if now.IsZero() || (!now.Before(minNow) && !now.After(maxNow)) {
		return nil
	}
	return fmt.Errorf("the clock %s is out of range: it must be between years 1 and 9999", now.UTC().Format(time.RFC3339))
}

// EpochTime converts epoch seconds (as --now takes them) to a time,
// refusing NaN, infinities and times outside years 1 to 9999.
func EpochTime(sec float64) (time.Time, error) {
	if math.IsNaN(sec) || math.IsInf(sec, 0) {
		return time.Time{}, fmt.Errorf("epoch time %v is not a number", sec)
	}
	if sec < float64(minNow.Unix()) || sec > float64(maxNow.Unix()) {
		return time.Time{}, fmt.Errorf("epoch time %v is out of range: it must be between years 1 and 9999", sec)
	}
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC(), nil
}
