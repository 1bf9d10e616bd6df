using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The record of a knooppunt: every message it accepted, once per (<c>source</c>, <c>id</c>), in a SQLite file (WAL,
/// synchronous FULL). The situation picture at any moment is rebuilt from it (<see cref="SituationPicture.At"/>).
/// </summary>
public sealed class MessageLog : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <summary>Opens (or creates) the log in the SQLite file <paramref name="path"/>.</summary>
    public MessageLog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS berichten (volgnummer INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, id TEXT NOT NULL, tijd TEXT NOT NULL, inhoud TEXT NOT NULL, UNIQUE (source, id)); CREATE INDEX IF NOT EXISTS berichten_tijd ON berichten (tijd);");
    }

    /// <summary>The number of messages in the log.</summary>
    public long Count
    {
        get
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM berichten";
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Adds a message; <c>false</c> when one with its (<c>source</c>, <c>id</c>) is there already.</summary>
    /// <exception cref="FormatException">The message lacks <c>source</c>, <c>id</c> or a readable <c>time</c>.</exception>
    public bool Add(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var source = (string?)message["source"] ?? throw new FormatException("A message without source.");
        var id = (string?)message["id"] ?? throw new FormatException("A message without id.");
        if (!DateTimeOffset.TryParse((string?)message["time"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new FormatException($"Message {id} has no readable time.");
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO berichten (source, id, tijd, inhoud) VALUES ($s, $i, $t, $c)";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$t", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$c", message.ToJsonString());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The messages with <c>time</c> up to <paramref name="until"/> (all when <c>null</c>), oldest first.</summary>
    public IReadOnlyList<JsonObject> Until(DateTimeOffset? until = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = until is null
            ? "SELECT inhoud FROM berichten ORDER BY tijd, volgnummer"
            : "SELECT inhoud FROM berichten WHERE tijd <= $t ORDER BY tijd, volgnummer";
        if (until is { } t)
        {
            command.Parameters.AddWithValue("$t", t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }

        using var reader = command.ExecuteReader();
        var list = new List<JsonObject>();
        while (reader.Read())
        {
            list.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        }

        return list;
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
