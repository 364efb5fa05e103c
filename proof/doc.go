// Package proof implements copydesk's 三校 checks: rules over an article's
// Chinese text and the office's own word lists, returning findings with
// spans, messages in Chinese and, where one is certain, a fix.
//
// Sources of the rules:
//   - GB/T 15834-2011《标点符号用法》 (punctuation, rules P1–P8);
//   - GB/T 15835-2011《出版物上数字用法》 (numbers, P11);
//   - 图书编校质量差错认定细则 (doubled characters, 错繁/异体字: P9, P18);
//   - 新华社 禁用词和慎用词 and the office's lists (P14–P17).
//
// The package is pure: it depends on model only, does no I/O, and a
// Checker is safe for concurrent use once built. Work is linear in the
// length of the text; the lists are matched with a maintained Aho–Corasick
// automaton (github.com/coregx/ahocorasick v0.3.1, a byte-level DFA), so the
// cost per character does not grow with the number of entries. Building it
// is costly (New: ≈ 0.5–1 s of CPU for 10,000 phrases), so callers keep one
// Checker per list version. Traditional characters are found with a
// character table built once from OpenCC's embedded t2s dictionary
// (github.com/longbridgeapp/opencc; no files or network are read).
package proof
