import ArgumentParser
import FrontDeskUI

/// `frontdesk keys`: every key of every pane of the terminal UI.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List every key of every pane of the terminal UI (Docs/KEYS.md).")

    @OptionGroup var output: OutputOptions

    func run() throws {
        if output.json {
            struct Listing: JSONObject { var keys: [KeyReference.Entry] }
            print(encodeJSON(Listing(keys: KeyReference.entries)))
        } else {
            print(KeyReference.markdown, terminator: "")
        }
    }
}
