using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>A stored message: its key (<c>source</c>, <c>id</c>), its <c>time</c>, and until when it may be kept.</summary>
/// <param name="Source">The sender.</param>
/// <param name="Id">The message id.</param>
/// <param name="Time">The message's time.</param>
/// <param name="KeepUntil"><c>time</c> + <c>bewaartermijn</c>.</param>
/// <param name="Utf8">The message as received, signature included.</param>
public sealed record StoredMessage(string Source, string Id, DateTimeOffset Time, DateTimeOffset KeepUntil, byte[] Utf8);

/// <summary>
/// A message store in a SQLite file that honours <c>bewaartermijn</c>: at <c>time</c> + <c>bewaartermijn</c> a message
/// is no longer returned for operational use, and <see cref="Purge"/> hands it to the archive as an
/// <see cref="ArchivePackage"/> and removes it. A message is stored once per (<c>source</c>, <c>id</c>).
/// </summary>
public sealed class MessageStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the store in the SQLite file <paramref name="path"/>.</summary>
    public MessageStore(string path, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _time = time ?? TimeProvider.System;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS berichten (source TEXT NOT NULL, id TEXT NOT NULL, tijd TEXT NOT NULL, bewaren_tot TEXT NOT NULL, inhoud BLOB NOT NULL, PRIMARY KEY (source, id))");
    }

    /// <summary>Stores a message; <c>false</c> when one with its (<c>source</c>, <c>id</c>) is already there (nothing changes).</summary>
    /// <exception cref="FormatException">The message lacks a readable <c>source</c>, <c>id</c>, <c>time</c> or <c>bewaartermijn</c>.</exception>
    public bool Add(ReadOnlySpan<byte> message)
    {
        var (source, id, time, keepUntil) = Key(message);
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO berichten (source, id, tijd, bewaren_tot, inhoud) VALUES ($s, $i, $t, $b, $c)";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$t", time.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$b", keepUntil.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$c", message.ToArray());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The messages still within their bewaartermijn, for operational use.</summary>
    public IReadOnlyList<StoredMessage> Operational() => Query("WHERE bewaren_tot > $now", _time.GetUtcNow());

    /// <summary>The message (<paramref name="source"/>, <paramref name="id"/>) when stored and still within its bewaartermijn.</summary>
    public StoredMessage? Find(string source, string id) =>
        Query("WHERE bewaren_tot > $now AND source = $s AND id = $i", _time.GetUtcNow(), ("$s", source), ("$i", id)).SingleOrDefault();

    /// <summary>
    /// Writes every message past its bewaartermijn into a new archive package in <paramref name="archiveFolder"/>, checks
    /// the package, and only then removes the messages from the store; records each as <c>vr.bericht.gearchiveerd</c>.
    /// </summary>
    /// <returns>The package, or <c>null</c> when no message was due.</returns>
    public ArchivePackage? Purge(string archiveFolder)
    {
        ArgumentNullException.ThrowIfNull(archiveFolder);
        var now = _time.GetUtcNow();
        var due = Query("WHERE bewaren_tot <= $now", now);
        if (due.Count == 0)
        {
            return null;
        }

        var package = ArchivePackage.Write(archiveFolder, due, now);
        var check = ArchivePackage.Verify(package.Folder);
        if (!check.IsIntact)
        {
            throw new IOException($"The archive package {package.Folder} did not verify after writing ({check.Problems[0]}); the store is unchanged.");
        }

        using var transaction = _connection.BeginTransaction();
        foreach (var message in due)
        {
            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM berichten WHERE source = $s AND id = $i";
            delete.Parameters.AddWithValue("$s", message.Source);
            delete.Parameters.AddWithValue("$i", message.Id);
            delete.ExecuteNonQuery();
        }

        transaction.Commit();
        foreach (var message in due)
        {
            Accountability.Record("vr.bericht.verwijderd", true, [new("vr.bericht.id", message.Id), new("vr.bericht.source", message.Source)]);
            Accountability.Record("vr.bericht.gearchiveerd", true,
                [new("vr.bericht.id", message.Id), new("vr.bericht.source", message.Source), new("vr.archief", package.Folder)]);
        }

        return package;
    }

    private static (string Source, string Id, DateTimeOffset Time, DateTimeOffset KeepUntil) Key(ReadOnlySpan<byte> message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.ToArray());
            var root = document.RootElement;
            var source = root.GetProperty("source").GetString() ?? throw new FormatException("source is not a string.");
            var id = root.GetProperty("id").GetString() ?? throw new FormatException("id is not a string.");
            var time = DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
            var keepUntil = IsoDuration.Add(time, root.GetProperty("bewaartermijn").GetString()!);
            return (source, id, time, keepUntil);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            throw new FormatException($"A message to store needs source, id, time and bewaartermijn: {ex.Message}", ex);
        }
    }

    private List<StoredMessage> Query(string where, DateTimeOffset now, params (string Name, string Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT source, id, tijd, bewaren_tot, inhoud FROM berichten " + where + " ORDER BY tijd, source, id";
        command.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = new List<StoredMessage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredMessage(reader.GetString(0), reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                (byte[])reader.GetValue(4)));
        }

        return result;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
