using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Support;

namespace Dispatch.Silo.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly TempFolder _folder = new();

    private protected override SqlDatabase OpenDatabase() => new SqliteDatabase(_folder.Path);

    public void Dispose() => _folder.Dispose();
}
