namespace Dispatch.Media.Sip.Registrar;

/// <summary>
/// One Contact of a REGISTER: its value to store (without the expires parameter), the key that identifies it
/// among a worker's bindings, and the granted lifetime (0 = remove).
/// </summary>
public sealed record RequestedContact(string Contact, string Key, int ExpiresSeconds);
