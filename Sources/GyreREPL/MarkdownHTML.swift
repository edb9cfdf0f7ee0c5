// The one file that talks to libcmark.
@preconcurrency import CCmark
import Foundation

/// CommonMark → HTML with libcmark's safe defaults: raw HTML is dropped and only
/// `data:image/png|gif|jpeg|webp` data URIs are kept, which is what reports embed.
func markdownToHTML(_ markdown: String) -> String {
    let utf8 = Array(markdown.utf8)
    let rendered = utf8.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            cmark_markdown_to_html($0, buffer.count, CMARK_OPT_DEFAULT)
        }
    }
    guard let rendered else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
}
