package testschemas

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/txtar"
)

// Corpus reads the JSON documents under the given folders: every *.json
// file, and every *.json section of a *.txtar archive (rule cases, golden
// tests), keyed by path, and by path:section for a section. Folders whose
// names start with a dot, and node_modules, are left out.
func Corpus(roots ...string) (map[string][]byte, error) {
	docs := map[string][]byte{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			switch filepath.Ext(path) {
			case ".json":
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				docs[path] = b
			case ".txtar":
				ar, err := txtar.ParseFile(path)
				if err != nil {
					return err
				}
				for _, f := range ar.Files {
					if strings.HasSuffix(f.Name, ".json") {
						docs[path+":"+f.Name] = f.Data
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return docs, nil
}
