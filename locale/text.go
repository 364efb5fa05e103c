package locale

import (
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

var (
	textOnce sync.Once
	texts    map[Lang]map[string]bool   // every text of a language
	sources  map[Lang]map[string]string // ID → its text (plural forms joined)
)

func loadTexts() {
	texts = map[Lang]map[string]bool{}
	sources = map[Lang]map[string]string{}
	for _, l := range Langs {
		m, src := map[string]bool{}, map[string]string{}
		var raw map[string]any
		if buf, err := files.ReadFile(string(l) + ".toml"); err == nil && toml.Unmarshal(buf, &raw) == nil {
			for id, v := range raw {
				switch v := v.(type) {
				case string:
					m[v] = true
					src[id] = v
				case map[string]any:
					var forms []string
					for _, f := range v {
						if f, ok := f.(string); ok {
							m[f] = true
							forms = append(forms, f)
						}
					}
					src[id] = strings.Join(forms, "\n")
				}
			}
		}
		texts[l], sources[l] = m, src
	}
}

// IsText reports whether s is, verbatim, the text of a message of lang's
// catalog file (a plain message or one plural form, placeholders
// unrendered). The CLI's command walker replaces cobra's Short, Long and
// flag usages from the catalog and its test keeps the English in the code
// equal to the catalog's: such a literal is a fallback, not text that
// bypasses the catalog (langcheck.Literals).
func IsText(lang Lang, s string) bool {
	textOnce.Do(loadTexts)
	return texts[lang][s]
}

// Source is message id's text in lang as the catalog file has it,
// placeholders unrendered ({{.Detail}}), a plural message's forms joined
// by line breaks; "" when the catalog lacks id.
func Source(lang Lang, id string) string {
	textOnce.Do(loadTexts)
	return sources[lang][id]
}
