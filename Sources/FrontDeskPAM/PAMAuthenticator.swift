import CPAM
import FrontDeskUI
#if canImport(Glibc)
import Glibc
#endif

/// Checks a login's own OS password through PAM (Linux-PAM, `libpam0g-dev`),
/// as a screen locker does: `pam_start` with the service, `pam_authenticate`
/// (an empty password is refused), then `pam_acct_mgmt` (an expired,
/// locked or disabled account is refused; a password that must be changed
/// still unlocks — it proves who is at the keyboard).
///
/// The service is `frontdesk`: with no `/etc/pam.d/frontdesk`, Linux-PAM uses
/// `/etc/pam.d/other`, which on Debian is `common-auth` and `common-account`
/// (the system password via `pam_unix`). An administrator may add
/// `/etc/pam.d/frontdesk` to change that. A user who is not root can check
/// only their own password (`pam_unix` asks its setgid helper
/// `unix_chkpwd`), which is all the lock screen needs.
public struct PAMAuthenticator: Authenticator {
    public let service: String

    public init(service: String = "frontdesk") { self.service = service }

    public func check(login: String, password: String) -> Bool {
        guard !login.isEmpty, !password.isEmpty else { return false }
        // The password in a C buffer that PAM's conversation reads, wiped after use.
        var secret = Array(password.utf8CString)
        defer { secret.withUnsafeMutableBytes { fd_pam_wipe($0.baseAddress, $0.count) } }
        return secret.withUnsafeMutableBufferPointer { buffer -> Bool in
            var conversation = pam_conv(conv: answerPasswordPrompts, appdata_ptr: UnsafeMutableRawPointer(buffer.baseAddress))
            var handle: OpaquePointer?
            var status = pam_start(service, login, &conversation, &handle)
            guard status == PAM_SUCCESS, let handle else { return false }
            defer { pam_end(handle, status) }
            status = pam_authenticate(handle, Int32(PAM_DISALLOW_NULL_AUTHTOK))
            guard status == PAM_SUCCESS else { return false }
            status = pam_acct_mgmt(handle, Int32(PAM_DISALLOW_NULL_AUTHTOK))
            if status == PAM_NEW_AUTHTOK_REQD { status = PAM_SUCCESS }
            return status == PAM_SUCCESS
        }
    }
}

/// PAM's conversation: every hidden prompt ("Password: ") is answered with
/// the password passed in `appdata`; information and error messages are
/// read and ignored; a prompt that echoes (it would ask for something else)
/// ends the conversation. The answers are `strdup`ed into a `calloc`ed array
/// that PAM frees (and `pam_unix` wipes).
private let answerPasswordPrompts: @convention(c) (
    Int32, UnsafeMutablePointer<UnsafePointer<pam_message>?>?,
    UnsafeMutablePointer<UnsafeMutablePointer<pam_response>?>?, UnsafeMutableRawPointer?
) -> Int32 = { count, messages, responses, appdata in
    guard count > 0, count <= PAM_MAX_NUM_MSG, let messages, let responses, let appdata else { return PAM_CONV_ERR }
    let password = appdata.assumingMemoryBound(to: CChar.self)
    guard let raw = calloc(Int(count), MemoryLayout<pam_response>.stride) else { return PAM_BUF_ERR }
    let replies = raw.assumingMemoryBound(to: pam_response.self)
    func giveUp(_ code: Int32) -> Int32 {
        for index in 0..<Int(count) {
            if let answer = replies[index].resp {
                fd_pam_wipe(answer, strlen(answer))
                free(answer)
            }
        }
        free(raw)
        return code
    }
    for index in 0..<Int(count) {
        // Linux-PAM passes an array of pointers to messages.
        guard let message = messages[index] else { return giveUp(PAM_CONV_ERR) }
        switch message.pointee.msg_style {
        case PAM_PROMPT_ECHO_OFF:
            guard let answer = strdup(password) else { return giveUp(PAM_BUF_ERR) }
            replies[index].resp = answer
            replies[index].resp_retcode = 0
        case PAM_ERROR_MSG, PAM_TEXT_INFO:
            replies[index].resp = nil
            replies[index].resp_retcode = 0
        default:
            return giveUp(PAM_CONV_ERR)
        }
    }
    responses.pointee = replies
    return PAM_SUCCESS
}
