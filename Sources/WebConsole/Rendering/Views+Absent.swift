import Foundation

extension Views {
    /// A model as the templates should read it. swift-mustache 2.1.1 prints an absent value held in a dictionary
    /// (`nil as Any`) as the text "nil" and takes it for a true section; NSNull instead renders as nothing, counts as
    /// false, and (unlike a missing key) does not send the lookup up to an enclosing object with the same name.
    /// Dictionaries and arrays are walked; other values are left as they are.
    static func presentable(_ value: Any) -> Any {
        switch value {
        // The common leaves first, before the costlier casts and reflection below (every cell of a table); the cast
        // also unwraps an optional that holds one.
        case let text as String:
            return text
        case let number as Int:
            return number
        case let flag as Bool:
            return flag
        case let dictionary as [String: Any]:
            return dictionary.mapValues(presentable)
        case let array as [Any]:
            return array.map(presentable)
        default:
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            guard let wrapped = mirror.children.first?.value else { return NSNull() }
            return presentable(wrapped)
        }
    }
}
