using Microsoft.Data.Sqlite;

namespace Vr.Standaarden.Transport.Tests;

/// <summary>
/// A handler's effect kept in the inbox's own SQLite file and written in the inbox entry's transaction: one row per
/// handled message, without a unique key, so a second effect of one message would show as an extra row.
/// </summary>
internal sealed class Effects : IDisposable
{
    private readonly SqliteConnection _reader;

    public Effects(string path)
    {
        Path = path;
        Inbox = new SqliteInbox(path);
        _reader = new SqliteConnection($"Data Source={path};Pooling=False");
        _reader.Open();
        Execute("CREATE TABLE IF NOT EXISTS effecten (source TEXT NOT NULL, id TEXT NOT NULL)");
    }

    public string Path { get; }

    public SqliteInbox Inbox { get; }

    public long Count => Scalar("SELECT COUNT(*) FROM effecten");

    public long Distinct => Scalar("SELECT COUNT(*) FROM (SELECT DISTINCT source, id FROM effecten)");

    /// <summary>Whether the file, read from outside the inbox's connection, holds the effect of (<paramref name="source"/>, <paramref name="id"/>): committed.</summary>
    public bool Holds(string source, string id)
    {
        using var command = _reader.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM effecten WHERE source = $s AND id = $i";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$i", id);
        return (long)command.ExecuteScalar()! > 0;
    }

    public static ValueTask Apply(Received received)
    {
        var entry = (SqliteInboxEntry)received.Inbox!;
        using var command = entry.Connection.CreateCommand();
        command.Transaction = entry.Transaction;
        command.CommandText = "INSERT INTO effecten (source, id) VALUES ($s, $i)";
        command.Parameters.AddWithValue("$s", received.Raw.Source);
        command.Parameters.AddWithValue("$i", received.Raw.Id);
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public async Task WaitForAsync(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        Inbox.Dispose();
    }

    private long Scalar(string sql)
    {
        using var command = _reader.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = _reader.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
