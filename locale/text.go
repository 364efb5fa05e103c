package locale

import (
	"sync"

	"github.com/BurntSushi/toml"
)

var (
	textOnce sync.Once
	texts    map[Lang]map[string]bool
)

// IsText reports whether s is, verbatim, the text of a message of lang's
// catalog file (a plain message or one plural form, placeholders
// unrendered). The CLI's command walker replaces cobra's Short, Long and
// flag usages from the catalog and its test keeps the English in the code
// equal to the catalog's: such a literal is a fallback, not text that
// bypasses the catalog (langcheck.Literals).
func IsText(lang Lang, s string) bool {
	textOnce.Do(func() {
		texts = map[Lang]map[string]bool{}
		for _, l := range Langs {
			m := map[string]bool{}
			var raw map[string]any
			if buf, err := files.ReadFile(string(l) + ".toml"); err == nil && toml.Unmarshal(buf, &raw) == nil {
				for _, v := range raw {
					switch v := v.(type) {
					case string:
						m[v] = true
					case map[string]any:
						for _, f := range v {
							if f, ok := f.(string); ok {
								m[f] = true
							}
						}
					}
				}
			}
			texts[l] = m
		}
	})
	return texts[lang][s]
}
