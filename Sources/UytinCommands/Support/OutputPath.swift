import Foundation
import Registry

/// Where a command may write a file: never over the database or its journal files, never over a device or folder.
enum OutputPath {
    /// Refuses (exit 73) an output that is the database itself, its -wal, -shm or -journal file, or an existing
    /// thing that is not a regular file (a device such as /dev/null, a folder), and an empty path.
    static func check(_ path: String, database: String) throws {
        if path.allSatisfy(\.isWhitespace) {
            throw RegistryError.cannotCreate(path, Message(vi: "đường dẫn để trống; hãy ghi tên tệp, ví dụ sao-luu.sqlite",
                                                           en: "the path is empty; give a file name, e.g. backup.sqlite"))
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let base = URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path
        let own = ["", "-wal", "-shm", "-journal"].map { base + $0 }
        var targetInfo = stat()
        var baseInfo = stat()
        let sameFile = stat(path, &targetInfo) == 0 && stat(database, &baseInfo) == 0
            && targetInfo.st_dev == baseInfo.st_dev && targetInfo.st_ino == baseInfo.st_ino
        if own.contains(target) || sameFile {
            throw RegistryError.cannotCreate(path, Message(vi: "đó là tệp của cơ sở dữ liệu đang dùng", en: "that is the database's own file"))
        }
        if FileManager.default.fileExists(atPath: path), (targetInfo.st_mode & S_IFMT) != S_IFREG {
            throw RegistryError.cannotCreate(path, Message(vi: "không phải tệp thường (thư mục hoặc thiết bị)",
                                                           en: "it is not a regular file (a folder or a device)"))
        }
    }
}
