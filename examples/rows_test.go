package examples_test

import (
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/eval"
)

// printRows prints the named columns of each row, space-separated.
func printRows(fields []string, rows []eval.Row, names ...string) {
	for _, row := range rows {
		var out []string
		for _, n := range names {
			for i, f := range fields {
				if f == n {
					out = append(out, row[i].String())
				}
			}
		}
		fmt.Println(strings.Join(out, " "))
	}
}
