// Package export turns signed-off articles into a static HTML site and
// copies that site to a web server.
//
// The pipeline for one article is goldmark (GFM + CJK) → bluemonday (a
// tightened UGC policy) → html/template (the theme). Media referenced as
// ![caption](media:ID) become <figure> elements pointing at
// media/<sha256>.<ext>. The package reads its input only through the Source
// interface (source.go), so it does not depend on the store.
//
// # Output layout
//
//	index.html, page/2/index.html, …   index pages, newest first
//	articles/<id>/index.html           one page per article (stable by ID); its
//	                                   <meta name="copydesk:provenance"> holds the
//	                                   revision, content hash and sign-off records
//	                                   (before export format 3: a provenance.json
//	                                   beside it, removed by the next export)
//	provenance.json                    the audit chain's head (copydesk verify --head)
//	media/<sha256>.<ext>               media files named by content hash
//	feed.xml                           Atom feed of the newest articles
//	sitemap.xml                        only when Options.BaseURL is set
//	style.css, favicon.png             the theme's static/ files
//	.copydesk-manifest.log             output path → SHA-256, render keys (a snapshot and appended deltas, manifestlog.go)
//	.copydesk-lock                     flock against a concurrent export or publish
//	.copydesk-running                  present while an export runs (a killed run's temporary files are swept)
//	.copydesk-publish-<target>.json    what Publish sent to a target (its record)
//
// The files starting with ".copydesk" stay here: Publish sends only the
// site, so the web root receives no bookkeeping.
//
// # Incremental and atomic
//
// Export computes every output in memory, then writes only files whose
// SHA-256 differs from the previous manifest, each to a temporary file in the
// same directory followed by a rename. The manifest is a log: an export
// appends a record of what it changed (manifestlog.go), so a re-export
// after one edit reads the manifest once and writes a few hundred bytes of
// it, not the whole. An article whose render key (see
// articleKey) equals the one recorded in the manifest is not rendered again.
// See Export for the exact crash guarantee.
//
// Every path is written through an os.Root opened on the output directory and
// is validated first (validPath), so no name can leave that directory.
//
// # Embargo (定时发布)
//
// An article with a pending schedule carries Article.Embargo; the
// embargo filter (schedule.go), one of the article filters every export
// and check applies before rendering, leaves it out until Options.Now
// (SiteOptions: the store's clock) reaches it — whoever runs the export.
// PublishSite is how the store's callers publish (the publish command,
// the scheduler in package server): it refuses a site folder holding an
// article under embargo, publishes it, then records in the store which
// articles went online (上线) at which target, read from the site's own
// manifest and provenance files (SiteArticles).
package export
