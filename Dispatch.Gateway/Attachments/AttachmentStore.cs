using System.Security.Cryptography;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatch.Gateway.Attachments;

/// <summary>
/// Keeps uploaded files in the data folder (<c>attachments/&lt;owner&gt;/&lt;id&gt;.&lt;ext&gt;</c>). A file is written
/// under a temporary name and renamed only when complete, within the size limit and of the declared type:
/// a refused or broken upload leaves nothing behind.
/// </summary>
public sealed class AttachmentStore(IOptions<DispatchOptions> dispatch, IOptions<AttachmentOptions> options)
{
    private string Root => Path.Combine(Path.GetFullPath(dispatch.Value.DataFolder), "attachments");

    public AttachmentOptions Options => options.Value;

    /// <summary>The stored file, or the problem (status and reason) that refused it.</summary>
    public async Task<StoreOutcome> Save(string owner, string? contentType, long? declaredLength, Stream body, CancellationToken cancellationToken)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is null || !Options.AllowedTypes.Contains(type))
        {
            return StoreOutcome.Refused(415, $"Content-Type '{contentType}' is not taken; send one of {string.Join(", ", Options.AllowedTypes)}.");
        }
        if (declaredLength > Options.MaxBytes)
        {
            return StoreOutcome.Refused(413, $"The file has {declaredLength} bytes; at most {Options.MaxBytes} are taken.");
        }
        var id = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Root, owner);
        Directory.CreateDirectory(folder);
        var final = Path.Combine(folder, id + ImageSignature.Extension(type));
        var partial = final + ".part";
        try
        {
            var (length, sha, head) = await Copy(body, partial, cancellationToken);
            if (length > Options.MaxBytes)
            {
                return StoreOutcome.Refused(413, $"The file is larger than {Options.MaxBytes} bytes; nothing was kept.");
            }
            if (length == 0)
            {
                return StoreOutcome.Refused(400, "The body is empty; send the file's bytes.");
            }
            if (!ImageSignature.Matches(type, head))
            {
                return StoreOutcome.Refused(415, $"The file's bytes are not a {type}; nothing was kept.");
            }
            File.Move(partial, final);
            return new StoreOutcome(new StoredFile(id, type, length, sha, final), 0, null);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The path of a stored file, or null.</summary>
    public string? Find(string owner, string id, string contentType)
    {
        var path = Path.Combine(Root, owner, id + ImageSignature.Extension(contentType));
        return File.Exists(path) ? path : null;
    }

    /// <summary>A stored file of any allowed type by its id.</summary>
    public (string Path, string ContentType)? FindAny(string owner, string id)
    {
        // Ids are what Save made (32 hex digits): anything else could reach outside the folder.
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        foreach (var type in Options.AllowedTypes)
        {
            if (Find(owner, id, type) is { } path)
            {
                return (path, type);
            }
        }
        return null;
    }

    public static void Delete(StoredFile file) => File.Delete(file.Path);

    /// <summary>Copies at most one byte beyond the limit (enough to know it is too large), hashing as it goes.</summary>
    private async Task<(long Length, string Sha256, byte[] Head)> Copy(Stream body, string path, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[12];
        var headLength = 0;
        long length = 0;
        var buffer = new byte[81920];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                length += read;
                if (length > Options.MaxBytes)
                {
                    return (length, "", head);
                }
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        return (length, Convert.ToHexStringLower(sha.GetHashAndReset()), head[..headLength]);
    }
}

public sealed record StoredFile(string Id, string ContentType, long Length, string Sha256, string Path);

public sealed record StoreOutcome(StoredFile? File, int Status, string? Reason)
{
    public static StoreOutcome Refused(int status, string reason) => new(null, status, reason);
}
