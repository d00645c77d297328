package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/eval"
)

// The fields a detection's result row names its host, user and time with,
// in order of preference: security_content detections group by dest (or
// host, dvc, src) and user, and keep firstTime/lastTime (formatted by
// security_content_ctime) or _time.
var (
	hostFields = []string{"dest", "host", "dvc", "Computer", "ComputerName", "src", "src_host"}
	userFields = []string{"user", "src_user", "User", "SubjectUserName", "TargetUserName"}
	timeFields = []string{"_time", "firstTime", "lastTime"}
)

// rowValue is the first non-empty value of one of names in row
// (multivalues joined with commas), or "".
func rowValue(fields []string, row eval.Row, names []string) string {
	for _, n := range names {
		for i, f := range fields {
			if f == n && !row[i].IsNull() {
				if s := strings.Join(row[i].Strings(), ","); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// rowTime is the row's time: epoch seconds, or a time that
// security_content_ctime formatted (%Y-%m-%dT%H:%M:%S, or %m/%d/%Y
// %H:%M:%S) in loc; ok is false when the row has none.
func rowTime(fields []string, row eval.Row, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	for _, n := range timeFields {
		s := rowValue(fields, row, []string{n})
		if s == "" {
			continue
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			sec := int64(f)
			return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
		}
		for _, layout := range []string{"2006-01-02T15:04:05", "01/02/2006 15:04:05"} {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}
