// Reading a subcommand's input: JSON params files and comma-separated values.

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
)

// csv splits a comma-separated flag value, dropping empty items.
func csv(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readBody decodes a JSON params file ("-" reads stdin) into v, refusing
// unknown fields so that a misspelt name is not silently ignored.
func (c *cli) readBody(name string, v any) error {
	var r io.Reader
	if name == "-" {
		r = c.stdin
	} else {
		fh, err := os.Open(name)
		if err != nil {
			return usagef("-body: %v", err)
		}
		defer fh.Close()
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil {
		return usagef("-body: %v", err)
	}
	if len(b) > 1<<20 {
		return usagef("-body: larger than 1 MiB")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return usagef("-body %s: %v", name, err)
	}
	return nil
}
