/// A chart drawn beside a summary table in the printable HTML (inline SVG, black and grey, no script): bars by
/// category, one bar per series side by side, or stacked.
public struct DocumentChart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// One bar per series side by side in each category.
        case bar
        /// The series stacked into one bar per category.
        case stacked
    }

    /// One named run of values, one per category.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String
    /// The labels along the axis, e.g. the ethnic groups or the years.
    public var categories: [String]
    public var series: [Series]
    /// What the values count, printed by the axis, e.g. "người" or "triệu đồng".
    public var unit: String

    public init(kind: Kind, title: String, categories: [String], series: [Series], unit: String = "") {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
        self.unit = unit
    }
}
