namespace Dispatch.Gateway.Attachments;

/// <summary>The <c>Dispatch:Attachments</c> section: how large an attachment may be and which types are taken.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Dispatch:Attachments";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Photos only: each type is also checked against the file's first bytes.</summary>
    public string[] AllowedTypes { get; set; } = ["image/jpeg", "image/png", "image/webp"];
}
