package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	idA = "0123456789abcdef"
	idB = "fedcba9876543210"
	idC = "00112233445566aa"
	idD = "aabbccddeeff0011"
	idE = "1234123412341234"
)

// Every valid Markdown form of a media reference is found, and text in
// code is not a reference.
func TestFindMediaRefs(t *testing.T) {
	body := strings.Join([]string{
		"正文 ![会场](media:" + idA + ") 正文。",
		"",
		"![带标题](media:" + idB + " \"标题属性\")",
		"",
		"![尖括号](<media:" + idC + ">) 与 [附件](MEDIA:" + strings.ToUpper(idD) + ")",
		"",
		"![引用式][照片] 和 <media:" + idA + ">",
		"",
		"[照片]: Media:" + idE + " \"标题\"",
		"",
		"`![代码](media:9999999999999999)`",
		"",
		"```",
		"![代码块](media:8888888888888888)",
		"```",
		"",
		"    ![缩进代码](media:7777777777777777)",
	}, "\n")
	refs, err := FindMediaRefs(body)
	if err != nil {
		t.Fatal(err)
	}
	want := []MediaRef{{idA, true}, {idB, true}, {idC, true}, {idD, false}, {idE, true}}
	if !slices.Equal(refs, want) {
		t.Fatalf("refs = %v\nwant   %v", refs, want)
	}
	// An unused reference definition still refers to the media.
	refs, _ = FindMediaRefs("文字。\n\n[未用]: media:" + idB + "\n")
	if !slices.Equal(refs, []MediaRef{{idB, false}}) {
		t.Fatalf("definition: %v", refs)
	}
	// Only code: nothing.
	if refs, err := FindMediaRefs("```\n![x](media:" + idA + ")\n```\n"); err != nil || len(refs) != 0 {
		t.Fatalf("code block: %v %v", refs, err)
	}
	// A malformed media reference is an error, in any form.
	for _, b := range []string{"![x](media:123)", "[x](MEDIA:zzzzzzzzzzzzzzzz)", "<media:abc>"} {
		if _, err := FindMediaRefs(b); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: err = %v", b, err)
		}
	}
	if ids := MediaRefs("![a](media:" + idA + ") ![b](media:" + idA + ")"); !slices.Equal(ids, []string{idA}) {
		t.Errorf("MediaRefs = %v", ids)
	}
}

func TestCheckMediaUse(t *testing.T) {
	img := &Media{ID: idA, Name: "a.jpg", Type: "image/jpeg"}
	pdf := &Media{ID: idB, Name: "议程.pdf", Type: "application/pdf"}
	txt := &Media{ID: idC, Name: "a.txt", Type: "text/plain; charset=utf-8"}
	cases := []struct {
		r    MediaRef
		m    *Media
		want string
	}{
		{MediaRef{idA, true}, img, ""},
		{MediaRef{idB, false}, pdf, ""},
		{MediaRef{idB, true}, pdf, "is not an image but is used as one"},
		{MediaRef{idC, false}, txt, "never published"},
		{MediaRef{idD, false}, nil, "not stored"},
	}
	for _, c := range cases {
		err := CheckMediaUse(c.r, c.m)
		if c.want == "" {
			if err != nil {
				t.Errorf("%v: %v", c.r, err)
			}
			continue
		}
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %q", c.r, err, c.want)
		}
	}
}

// BenchmarkFindMediaRefs is the parse the store runs at every save: a
// 4,000-character article with three photos, and the 2 MiB limit.
func BenchmarkFindMediaRefs(b *testing.B) {
	para := "11月4日下午，信息工程学院在行政楼三楼第二会议室召开秋季学期教学工作推进会，会议由院长主持。\n\n"
	small := strings.Repeat(para, 40) + "![会场](media:" + idA + ")\n\n![合影](media:" + idB + " \"合影\")\n\n[议程](media:" + idC + ")\n"
	big := strings.Repeat(small, MaxBodyBytes/len(small))
	plain := strings.Repeat(para, MaxBodyBytes/len(para))
	for name, s := range map[string]string{"4k": small, "2MiB": big, "2MiB-no-media": plain} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if _, err := FindMediaRefs(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The store validates every save with FindMediaRefs inside its write
// transaction, before any role could refuse the content: a body on which
// goldmark is quadratic (a quarter megabyte of "[a](" took minutes) must be
// bounded as the exporter bounds it, and a reference after it is still
// found. The watchdog only catches a parse that does not end.
func TestFindMediaRefsHostileBodies(t *testing.T) {
	const id = "0123456789abcdef"
	rep := func(s string) string { return strings.Repeat(s, (256<<10)/len(s)) }
	for name, hostile := range map[string]string{
		"unclosed links":  rep("[a]("),
		"brackets":        rep("["),
		"quote markers":   rep(">") + " x",
		"unclosed images": rep("![a](<"),
		"emphasis":        rep("*_"),
	} {
		done := make(chan struct{})
		var refs []MediaRef
		var err error
		go func() {
			defer close(done)
			refs, err = FindMediaRefs(hostile + "\n\n![图](media:" + id + ")\n")
		}()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: FindMediaRefs did not end in a minute", name)
		}
		if err != nil || len(refs) != 1 || refs[0].ID != id || !refs[0].Image {
			t.Errorf("%s: refs %+v, %v", name, refs, err)
		}
	}
}
