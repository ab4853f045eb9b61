import Foundation
import SecureXML

/// The file format: one `UserStore` root in ``EmbeddedUserStore/namespace`` holding `Roles` and `Users`.
///
/// ```xml
/// <UserStore xmlns="urn:wssconsole:userstore:1" demo="true">
///   <Roles><Role name="admin"/></Roles>
///   <Users>
///     <User name="alice" digest="allowed">   <!-- digest: optional, see DigestSecrets -->
///       <Password scheme="pbkdf2-sha256" iterations="210000" salt="BASE64">BASE64</Password>
///       <MemberOf role="admin"/>
///     </User>
///   </Users>
/// </UserStore>
/// ```
extension EmbeddedUserStore {
    /// Reads a store file; anything outside the format above is refused rather than guessed at.
    public init(xml: Data) throws {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(Array(xml), limits: ParseLimits(maxBytes: 16 << 20, maxDepth: 8))
        } catch {
            throw UserStoresError.malformedStore("not a readable XML file: \(error)")
        }
        let ns = Self.namespace
        guard let root = document.root, root.is("UserStore", ns) else {
            throw UserStoresError.malformedStore("the root element must be UserStore in namespace \(ns)")
        }
        self.init(isDemo: root.attribute("demo") == "true")
        try Self.requireOnly(["Roles", "Users"], in: root)
        // The names read so far: searching the roles and users before each new one (as addRole and addUser do) was
        // quadratic, a store of 20,000 users took 17 seconds to open.
        var roleNames = Set<String>(), userNames = Set<String>()
        for rolesElement in root.children("Roles", ns) {
            try Self.requireOnly(["Role"], in: rolesElement)
            for role in rolesElement.children("Role", ns) {
                let name = try Self.name(of: role, attribute: "name")
                try Self.validate(name: name, kind: "role")
                guard roleNames.insert(name).inserted else { throw UserStoresError.duplicateRole(name) }
                roles.append(name)
            }
        }
        for usersElement in root.children("Users", ns) {
            try Self.requireOnly(["User"], in: usersElement)
            for user in usersElement.children("User", ns) {
                try appendParsedUser(user, roleNames: roleNames, userNames: &userNames)
            }
        }
    }

    private mutating func appendParsedUser(_ element: XMLElement, roleNames: Set<String>, userNames: inout Set<String>) throws {
        let ns = Self.namespace
        let name = try Self.name(of: element, attribute: "name")
        try Self.validate(name: name, kind: "user")
        guard userNames.insert(name).inserted else { throw UserStoresError.duplicateUser(name) }
        try Self.requireOnly(["Password", "MemberOf"], in: element)
        let passwords = element.children("Password", ns)
        guard passwords.count == 1 else {
            throw UserStoresError.malformedStore("user \(name) (line \(element.line)) needs exactly one Password")
        }
        var memberships: [String] = []
        for membership in element.children("MemberOf", ns) {
            let role = try Self.name(of: membership, attribute: "role")
            guard roleNames.contains(role) else { throw UserStoresError.unknownRole(role) }
            memberships.append(role)
        }
        let hash = try Self.passwordHash(passwords[0], user: name)
        userRecords.append(User(name: name, password: hash, roles: Self.unique(memberships),
                                allowsDigest: element.attribute("digest") == "allowed"))
    }

    private static func passwordHash(_ element: XMLElement, user: String) throws -> PasswordHash {
        let place = "the password of \(user) (line \(element.line))"
        guard element.attribute("scheme") == PasswordHash.scheme else {
            throw UserStoresError.malformedStore("\(place) does not use scheme \(PasswordHash.scheme)")
        }
        guard let iterations = element.attribute("iterations").flatMap({ Int($0) }),
              PasswordHash.acceptedIterations.contains(iterations) else {
            throw UserStoresError.malformedStore("\(place) has no iteration count in \(PasswordHash.acceptedIterations)")
        }
        guard let salt = element.attribute("salt").flatMap({ Data(base64Encoded: $0) }), (8...64).contains(salt.count) else {
            throw UserStoresError.malformedStore("\(place) has no valid base64 salt of 8 to 64 bytes")
        }
        let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let hash = Data(base64Encoded: text), (16...64).contains(hash.count) else {
            throw UserStoresError.malformedStore("\(place) has no valid base64 hash")
        }
        return PasswordHash(iterations: iterations, salt: salt, hash: hash)
    }

    private static func name(of element: XMLElement, attribute: String) throws -> String {
        guard let value = element.attribute(attribute) else {
            throw UserStoresError.malformedStore("\(element.name) on line \(element.line) has no \(attribute) attribute")
        }
        return value
    }

    private static func requireOnly(_ names: Set<String>, in element: XMLElement) throws {
        for child in element.children where child.namespace != namespace || !names.contains(child.name) {
            throw UserStoresError.malformedStore(
                "unexpected element \(child.name) inside \(element.name) on line \(child.line)")
        }
    }

    /// The store as file bytes: UTF-8 XML, two-space indentation, users and roles in their order.
    public func serialized() -> Data {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if isDemo {
            out += "<!-- DEMO user store: its passwords are published with wssconsole. NOT FOR PRODUCTION. -->\n"
        } else {
            out += "<!-- wssconsole user store. Passwords are salted PBKDF2-HMAC-SHA256 hashes; edit with wssconsole. -->\n"
        }
        out += "<UserStore xmlns=\"\(Self.namespace)\"\(isDemo ? " demo=\"true\"" : "")>\n"
        out += "  <Roles>\n"
        for role in roles {
            out += "    <Role name=\"\(Self.escape(role))\"/>\n"
        }
        out += "  </Roles>\n  <Users>\n"
        for user in userRecords {
            let hash = user.password
            out += "    <User name=\"\(Self.escape(user.name))\"\(user.allowsDigest ? " digest=\"allowed\"" : "")>\n"
            out += "      <Password scheme=\"\(PasswordHash.scheme)\" iterations=\"\(hash.iterations)\""
            out += " salt=\"\(hash.salt.base64EncodedString())\">\(hash.hash.base64EncodedString())</Password>\n"
            for role in user.roles {
                out += "      <MemberOf role=\"\(Self.escape(role))\"/>\n"
            }
            out += "    </User>\n"
        }
        out += "  </Users>\n</UserStore>\n"
        return Data(out.utf8)
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
