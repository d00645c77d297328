package main

import (
	"fmt"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/macros"
)

// expandCmd is `spelunk expand`.
type expandCmd struct {
	Content   string   `help:"security_content directory (macros/, detections/)." type:"existingdir" placeholder:"DIR"`
	Macros    []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Detection string   `help:"Expand this detection (name, id or YAML file) instead of QUERY." placeholder:"NAME|ID|FILE"`
	Query     string   `arg:"" optional:"" help:"The search to expand; - reads stdin."`
}

// Run implements the subcommand.
func (c *expandCmd) Run(e *env) error {
	content, err := detections.Open(c.Content, c.Macros...)
	if err != nil {
		return err
	}
	text, at, err := c.source(e, content)
	if err != nil {
		return err
	}
	x, err := content.Macros.Expand(text, at, macros.Options{})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, x.Text)
	return err
}

func (c *expandCmd) source(e *env, content *detections.Content) (string, macros.Location, error) {
	switch {
	case c.Detection != "" && c.Query != "":
		return "", macros.Location{}, usageErr("give either QUERY or --detection, not both")
	case c.Detection != "":
		d, err := content.Find(c.Detection)
		if err != nil {
			return "", macros.Location{}, err
		}
		return d.Search, d.SearchLoc, nil
	case c.Query != "":
		return readQuery(e, c.Query)
	}
	return "", macros.Location{}, usageErr("expand needs QUERY or --detection")
}
