// Command mkndjson writes NDJSON for benchmarks: the sample payloads in
// testdata/samples, compacted to one line each, over and over until the
// output reaches -mb megabytes.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	mb := flag.Int("mb", 100, "size of the output in `MB`")
	dir := flag.String("samples", "testdata/samples", "folder of sample `JSON` files")
	flag.Parse()
	files, _ := filepath.Glob(filepath.Join(*dir, "*.json"))
	var lines [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var b bytes.Buffer
		if err := json.Compact(&b, src); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", f, err)
			os.Exit(1)
		}
		lines = append(lines, b.Bytes())
	}
	if len(lines) == 0 {
		fmt.Fprintln(os.Stderr, "no samples in", *dir)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	for n, i := 0, 0; n < *mb<<20; i++ {
		l := lines[i%len(lines)]
		w.Write(l)
		w.WriteByte('\n')
		n += len(l) + 1
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
