/// Sizes (points), fonts and colours of every decoration: one place to tune the look.
/// Values follow matplotlib's defaults where it has one.
enum Theme {
    static let outerPad = 8.0
    static let cellGap = 14.0

    static let figureTitle = TextStyle(size: 14, bold: true)
    static let title = TextStyle(size: 12)
    static let label = TextStyle(size: 10)
    static let tick = TextStyle(size: 9)
    static let legend = TextStyle(size: 9)
    static let caption = TextStyle(size: 8)
    static let annotation = TextStyle(size: 8)
    static let minimumTextSize = 7.0

    static let tickLength = 3.5
    static let minorTickLength = 2.0
    static let tickPad = 3.0
    static let labelPad = 4.0
    static let titlePad = 6.0
    static let lineWidth = 0.8

    static let colorbarGap = 10.0
    static let colorbarWidth = 12.0

    static let tileGap = 4.0
    static let captionPad = 2.0

    static let legendPad = 5.0
    static let legendInset = 6.0
    static let legendHandleLength = 22.0
    static let legendHandleGap = 6.0
    static let legendRowGap = 3.0

    static let textColor = Color(gray: 0.13)
    static let spineColor = Color(gray: 0.13)
    static let gridColor = Color(gray: 0.88)
    static let background = Color.white
    static let legendFrame = Color(gray: 0.8)
}
