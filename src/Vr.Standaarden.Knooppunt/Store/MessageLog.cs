using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The record of a knooppunt: every message it accepted, once per (<c>source</c>, <c>id</c>), in a SQLite file (WAL,
/// synchronous FULL). The situation picture at any moment is rebuilt from it (<see cref="Situatiebeeld.At"/>).
/// Thread-safe: one connection, used by one caller at a time.
/// </summary>
public sealed class MessageLog : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private List<TemporaryGrant>? _grants;

    // The receive path asks whether a message is recorded for every message it takes: that statement is prepared once.
    private SqliteCommand? _contains;

    /// <summary>Opens (or creates) the log in the SQLite file <paramref name="path"/>.</summary>
    public MessageLog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS berichten (volgnummer INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, id TEXT NOT NULL, tijd TEXT NOT NULL, inhoud TEXT NOT NULL, UNIQUE (source, id)); CREATE INDEX IF NOT EXISTS berichten_tijd ON berichten (tijd); CREATE TABLE IF NOT EXISTS cursors (naam TEXT PRIMARY KEY, volgnummer INTEGER NOT NULL); CREATE TABLE IF NOT EXISTS quarantaine (volgnummer INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL, reden TEXT NOT NULL, sinds TEXT NOT NULL); CREATE TABLE IF NOT EXISTS verwerkingen (volgnummer INTEGER PRIMARY KEY, tijdstip TEXT NOT NULL, regel TEXT NOT NULL); CREATE TABLE IF NOT EXISTS doorbraken (id TEXT PRIMARY KEY, tot TEXT NOT NULL, inhoud TEXT NOT NULL); CREATE TABLE IF NOT EXISTS terugmeldingen (id TEXT PRIMARY KEY, status TEXT NOT NULL, bijgewerkt TEXT NOT NULL, antwoord TEXT, inhoud TEXT NOT NULL);");
    }

    /// <summary>The number of messages in the log.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM berichten";
                return (long)command.ExecuteScalar()!;
            }
        }
    }

    /// <summary>Whether the log holds the message with <paramref name="source"/> and <paramref name="id"/>.</summary>
    public bool Contains(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        using var scope = _lock.EnterScope();
        if (_contains is null)
        {
            _contains = _connection.CreateCommand();
            _contains.CommandText = "SELECT 1 FROM berichten WHERE source = $s AND id = $i";
            _contains.Parameters.Add("$s", SqliteType.Text);
            _contains.Parameters.Add("$i", SqliteType.Text);
            _contains.Prepare();
        }

        _contains.Parameters[0].Value = source;
        _contains.Parameters[1].Value = id;
        return _contains.ExecuteScalar() is not null;
    }

    /// <summary>The recorded message with <paramref name="source"/> and <paramref name="id"/>, or <c>null</c>.</summary>
    internal JsonObject? Find(string source, string id)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT inhoud FROM berichten WHERE source = $s AND id = $i";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$i", id);
        return command.ExecuteScalar() is string text ? JsonNode.Parse(text) as JsonObject : null;
    }

    /// <summary>Adds a message; <c>false</c> when one with its (<c>source</c>, <c>id</c>) is there already.</summary>
    /// <exception cref="FormatException">The message lacks <c>source</c>, <c>id</c> or a readable <c>time</c>.</exception>
    public bool Add(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AddMany([message])[0];
    }

    /// <summary>
    /// Adds messages in one transaction (one write to disk for all); per message <c>false</c> when one with its
    /// (<c>source</c>, <c>id</c>) was there already (or earlier in <paramref name="messages"/>). All or none are added.
    /// </summary>
    /// <exception cref="FormatException">A message lacks <c>source</c>, <c>id</c> or a readable <c>time</c>; none is added.</exception>
    public IReadOnlyList<bool> AddMany(IReadOnlyList<JsonObject> messages) => AddMany(messages, null);

    /// <summary>As <see cref="AddMany(IReadOnlyList{JsonObject})"/>, storing <paramref name="texts"/> (the messages as they arrived) where given.</summary>
    internal IReadOnlyList<bool> AddMany(IReadOnlyList<JsonObject> messages, IReadOnlyList<string?>? texts)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var rows = new (string Source, string Id, string Time, string Text)[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException("A message is null.", nameof(messages));
            var source = (string?)message["source"] ?? throw new FormatException("A message without source.");
            var id = (string?)message["id"] ?? throw new FormatException("A message without id.");
            if (!DateTimeOffset.TryParse((string?)message["time"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                throw new FormatException($"Message {id} has no readable time.");
            }

            rows[i] = (source, id, Timestamps.Stored(time), texts?[i] ?? message.ToJsonString());
        }

        var added = new bool[rows.Length];
        using var scope = _lock.EnterScope();
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO berichten (source, id, tijd, inhoud) VALUES ($s, $i, $t, $c)";
        var (s, id2, t, c) = (command.Parameters.Add("$s", SqliteType.Text), command.Parameters.Add("$i", SqliteType.Text), command.Parameters.Add("$t", SqliteType.Text), command.Parameters.Add("$c", SqliteType.Text));
        for (var i = 0; i < rows.Length; i++)
        {
            (s.Value, id2.Value, t.Value, c.Value) = rows[i];
            added[i] = command.ExecuteNonQuery() == 1;
        }

        transaction.Commit();
        return added;
    }

    /// <summary>
    /// Up to <paramref name="max"/> messages recorded after position <paramref name="sequence"/>, in the order they were
    /// recorded, with their positions and their text as recorded (byte for byte as they arrived through a receiver, so a
    /// signature over them still verifies).
    /// </summary>
    public IReadOnlyList<(long Sequence, JsonObject Message, string Text)> After(long sequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT volgnummer, inhoud FROM berichten WHERE volgnummer > $v ORDER BY volgnummer LIMIT $m";
        command.Parameters.AddWithValue("$v", sequence);
        command.Parameters.AddWithValue("$m", max);
        using var reader = command.ExecuteReader();
        var list = new List<(long, JsonObject, string)>();
        while (reader.Read())
        {
            var text = reader.GetString(1);
            list.Add((reader.GetInt64(0), JsonNode.Parse(text)!.AsObject(), text));
        }

        return list;
    }

    /// <summary>The position a reader named <paramref name="name"/> stored with <see cref="SetCursor"/>; 0 when it never did.</summary>
    public long Cursor(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT volgnummer FROM cursors WHERE naam = $n";
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() is long position ? position : 0;
    }

    /// <summary>Stores the position up to which the reader named <paramref name="name"/> has dealt with the log.</summary>
    public void SetCursor(string name, long sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO cursors (naam, volgnummer) VALUES ($n, $v) ON CONFLICT (naam) DO UPDATE SET volgnummer = excluded.volgnummer";
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$v", sequence);
        command.ExecuteNonQuery();
    }

    /// <summary>The <c>time</c> of the oldest and the newest message, or <c>null</c>s when the log is empty.</summary>
    public (DateTimeOffset? First, DateTimeOffset? Last) Span()
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT MIN(tijd), MAX(tijd) FROM berichten";
        using var reader = command.ExecuteReader();
        reader.Read();
        DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.Parse(reader.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (At(0), At(1));
    }

    /// <summary>
    /// The messages with <c>time</c> up to <paramref name="until"/> (all when <c>null</c>), oldest first; a recorded text
    /// that is not a JSON object is left out.
    /// </summary>
    public IReadOnlyList<JsonObject> Until(DateTimeOffset? until = null)
    {
        var list = new List<JsonObject>();
        foreach (var row in Rows(until))
        {
            try
            {
                if (JsonNode.Parse(row.Text) is JsonObject message)
                {
                    list.Add(message);
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        return list;
    }

    /// <summary>
    /// The recorded messages in quarantine: those the node could not merge into its picture when it read the record, with
    /// the reason, oldest first. They stay in the record, untouched, for someone to look at.
    /// </summary>
    public IReadOnlyList<QuarantinedMessage> Quarantine
    {
        get
        {
            using var scope = _lock.EnterScope();
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT volgnummer, source, id, reden, sinds FROM quarantaine ORDER BY volgnummer";
            using var reader = command.ExecuteReader();
            var list = new List<QuarantinedMessage>();
            while (reader.Read())
            {
                list.Add(new QuarantinedMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
            }

            return list;
        }
    }

    /// <summary>
    /// The processing log (Logboek dataverwerkingen): one record per read that returned personal data, as lines of an
    /// audit file (<see cref="Uitwisseling.AuditLog"/>: sequence, SHA-256 of the record before, who, which data, which
    /// purpose, when, under which grant), from <paramref name="from"/> to <paramref name="until"/> when given, oldest first.
    /// </summary>
    public IReadOnlyList<string> Processing(DateTimeOffset? from = null, DateTimeOffset? until = null)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT regel FROM verwerkingen WHERE tijdstip >= $van AND tijdstip <= $tot ORDER BY volgnummer";
        command.Parameters.AddWithValue("$van", from is { } f ? Timestamps.Stored(f) : "");
        command.Parameters.AddWithValue("$tot", until is { } u ? Timestamps.Stored(u) : "~");
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>Checks the hash chain of the whole processing log: a record removed, inserted or changed shows.</summary>
    public Uitwisseling.AuditVerification VerifyProcessing() => Uitwisseling.AuditLog.Verify(Processing());

    /// <summary>The chair's grants (doorbraken) in the record, oldest first, expired ones too.</summary>
    public IReadOnlyList<TemporaryGrant> Grants
    {
        get
        {
            using var scope = _lock.EnterScope();
            return _grants ??= LoadGrants();
        }
    }

    /// <summary>
    /// Records <paramref name="grant"/> and, in the same transaction, its creation in the processing log (so that the
    /// grant is accounted for in the hash chain).
    /// </summary>
    internal void AddGrant(TemporaryGrant grant)
    {
        using var scope = _lock.EnterScope();
        using var transaction = _connection.BeginTransaction();
        using (var insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO doorbraken (id, tot, inhoud) VALUES ($i, $t, $j)";
            insert.Parameters.AddWithValue("$i", grant.Id);
            insert.Parameters.AddWithValue("$t", Timestamps.Stored(grant.Tot));
            insert.Parameters.AddWithValue("$j", grant.ToJson().ToJsonString());
            insert.ExecuteNonQuery();
        }

        AppendProcessing(transaction, "vr.verwerking.doorbraak", grant.Vanaf,
        [
            new("vr.doorbraak", grant.Id),
            new("vr.persoon", grant.VerleendDoor),
            new("vr.organisatie", grant.Organisatie),
            new("vr.afnemer", string.Join(' ', grant.Afnemers)),
            new("vr.bronnen", string.Join(' ', grant.Bronnen)),
            new("vr.entiteiten", string.Join(' ', grant.Entiteiten)),
            new("vr.doel", grant.Doel),
            new("vr.gegevens", string.Join(' ', grant.Persoonsgegevens)),
            new("vr.tot", Timestamps.Text(grant.Tot)),
            new("vr.reden", grant.Reden),
        ]);
        transaction.Commit();
        _grants = [.. _grants ?? LoadGrants(), grant];
    }

    /// <summary>Records a received terugmelding as <see cref="Terugmeldingsstand.Ingediend"/>; <c>false</c> when one with its id is there.</summary>
    internal bool AddTerugmelding(string id, JsonObject report, DateTimeOffset at)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO terugmeldingen (id, status, bijgewerkt, inhoud) VALUES ($i, $s, $t, $j)";
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$s", Terugmeldingsstand.Ingediend);
        command.Parameters.AddWithValue("$t", Timestamps.Stored(at));
        command.Parameters.AddWithValue("$j", report.ToJsonString());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The terugmelding with <paramref name="id"/>, or <c>null</c>.</summary>
    internal Terugmeldingsstand? FindTerugmelding(string id)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT status, bijgewerkt, antwoord, inhoud FROM terugmeldingen WHERE id = $i";
        command.Parameters.AddWithValue("$i", id);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Terugmeldingsstand(id, reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.IsDBNull(2) ? null : reader.GetString(2), JsonNode.Parse(reader.GetString(3))!.AsObject())
            : null;
    }

    /// <summary>Every terugmelding, oldest first.</summary>
    internal IReadOnlyList<string> TerugmeldingIds()
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id FROM terugmeldingen ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Moves the terugmelding <paramref name="id"/> from <paramref name="from"/> to <paramref name="to"/>; <c>false</c> when it was no longer in <paramref name="from"/>.</summary>
    internal bool MoveTerugmelding(string id, string from, string to, string? answer, DateTimeOffset at)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE terugmeldingen SET status = $to, bijgewerkt = $t, antwoord = COALESCE($a, antwoord) WHERE id = $i AND status = $from";
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$t", Timestamps.Stored(at));
        command.Parameters.AddWithValue("$a", (object?)answer ?? DBNull.Value);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Up to <paramref name="max"/> recorded messages with <c>time</c> after <paramref name="since"/>, oldest first, as recorded.</summary>
    internal IReadOnlyList<string> Since(DateTimeOffset since, int max)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT inhoud FROM berichten WHERE tijd > $t ORDER BY tijd, volgnummer LIMIT $n";
        command.Parameters.AddWithValue("$t", Timestamps.Stored(since));
        command.Parameters.AddWithValue("$n", max);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private List<TemporaryGrant> LoadGrants()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT inhoud FROM doorbraken ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var list = new List<TemporaryGrant>();
        while (reader.Read())
        {
            list.Add(TemporaryGrant.FromJson(JsonNode.Parse(reader.GetString(0))!.AsObject()));
        }

        return list;
    }

    /// <summary>Appends a record to the processing log, chained to the one before, in one transaction.</summary>
    internal void AppendProcessing(string name, DateTimeOffset at, IEnumerable<KeyValuePair<string, string?>> attributes)
    {
        using var scope = _lock.EnterScope();
        using var transaction = _connection.BeginTransaction();
        AppendProcessing(transaction, name, at, attributes);
        transaction.Commit();
    }

    private void AppendProcessing(SqliteTransaction transaction, string name, DateTimeOffset at, IEnumerable<KeyValuePair<string, string?>> attributes)
    {
        using var last = _connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT volgnummer, regel FROM verwerkingen ORDER BY volgnummer DESC LIMIT 1";
        long sequence = 0;
        var previous = Uitwisseling.AuditLog.Genesis;
        using (var reader = last.ExecuteReader())
        {
            if (reader.Read())
            {
                (sequence, previous) = (reader.GetInt64(0), Uitwisseling.AuditLog.HashOf(reader.GetString(1)));
            }
        }

        var line = Uitwisseling.AuditLog.Record(sequence + 1, previous, name, 1, at.UtcDateTime, DateTime.UtcNow,
            System.Diagnostics.Activity.Current?.TraceId ?? System.Diagnostics.ActivityTraceId.CreateRandom(), System.Diagnostics.ActivitySpanId.CreateRandom(), default, attributes);
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO verwerkingen (volgnummer, tijdstip, regel) VALUES ($v, $t, $r)";
        insert.Parameters.AddWithValue("$v", sequence + 1);
        insert.Parameters.AddWithValue("$t", Timestamps.Stored(at));
        insert.Parameters.AddWithValue("$r", line);
        insert.ExecuteNonQuery();
    }

    /// <summary>Puts a recorded message in quarantine; <c>false</c> when it was there already (or cannot be written now).</summary>
    internal bool SetAside(long sequence, string source, string id, string reason)
    {
        try
        {
            using var scope = _lock.EnterScope();
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO quarantaine (volgnummer, source, id, reden, sinds) VALUES ($v, $s, $i, $r, $t)";
            command.Parameters.AddWithValue("$v", sequence);
            command.Parameters.AddWithValue("$s", source);
            command.Parameters.AddWithValue("$i", id);
            command.Parameters.AddWithValue("$r", reason);
            command.Parameters.AddWithValue("$t", Timestamps.Stored(DateTimeOffset.UtcNow));
            return command.ExecuteNonQuery() == 1;
        }
        catch (SqliteException)
        {
            // A full or read-only disk: the message is still skipped, and set aside the next time the record is read.
            return false;
        }
    }

    /// <summary>The recorded rows with <c>time</c> up to <paramref name="until"/> (all when <c>null</c>), oldest first.</summary>
    internal IReadOnlyList<(long Sequence, string Source, string Id, string Text)> Rows(DateTimeOffset? until) => Rows(until, null);

    /// <summary>The rows recorded after <paramref name="sequence"/>, in the order they were recorded.</summary>
    internal IReadOnlyList<(long Sequence, string Source, string Id, string Text)> RowsAfter(long sequence) => Rows(null, sequence);

    private List<(long Sequence, string Source, string Id, string Text)> Rows(DateTimeOffset? until, long? after)
    {
        using var scope = _lock.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = after is not null
            ? "SELECT volgnummer, source, id, inhoud FROM berichten WHERE volgnummer > $s ORDER BY volgnummer"
            : until is null
            ? "SELECT volgnummer, source, id, inhoud FROM berichten ORDER BY tijd, volgnummer"
            : "SELECT volgnummer, source, id, inhoud FROM berichten WHERE tijd <= $t ORDER BY tijd, volgnummer";
        if (after is { } s)
        {
            command.Parameters.AddWithValue("$s", s);
        }
        else if (until is { } t)
        {
            command.Parameters.AddWithValue("$t", Timestamps.Stored(t));
        }

        using var reader = command.ExecuteReader();
        var list = new List<(long, string, string, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return list;
    }

    /// <summary>
    /// The rows up to <paramref name="until"/> (all when <c>null</c>) in the order of their time, each text as its UTF-8
    /// bytes, read a page of
    /// <paramref name="pageSize"/> at a time so that a record of millions of messages is never in memory at once; the
    /// log is locked only while a page is read, so the caller may write between pages.
    /// </summary>
    internal IEnumerable<List<(long Sequence, string Source, string Id, byte[] Utf8)>> Pages(DateTimeOffset? until, int pageSize)
    {
        string? lastTime = null;
        long lastSequence = 0;
        while (true)
        {
            var page = new List<(long Sequence, string Source, string Id, byte[] Utf8)>(pageSize);
            using (var scope = _lock.EnterScope())
            {
                using var command = _connection.CreateCommand();
                // (tijd, volgnummer) is the order of the index on tijd (each entry carries its row id): each page starts
                // where the last ended, without sorting the table again.
                command.CommandText = "SELECT volgnummer, source, id, inhoud, tijd FROM berichten WHERE ($t IS NULL OR tijd <= $t) AND ($lt IS NULL OR (tijd, volgnummer) > ($lt, $ls)) ORDER BY tijd, volgnummer LIMIT $n";
                command.Parameters.AddWithValue("$t", until is { } t ? Timestamps.Stored(t) : DBNull.Value);
                command.Parameters.AddWithValue("$lt", (object?)lastTime ?? DBNull.Value);
                command.Parameters.AddWithValue("$ls", lastSequence);
                command.Parameters.AddWithValue("$n", pageSize);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    // The text as SQLite keeps it (UTF-8): read for parsing, never decoded into a string first.
                    page.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
                    lastTime = reader.GetString(4);
                    lastSequence = reader.GetInt64(0);
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            if (page.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _contains?.Dispose();
        _connection.Dispose();
    }

    /// <summary>Caps the file at <paramref name="pages"/> pages, so that writes beyond it fail as on a full disk (SQLITE_FULL).</summary>
    internal void LimitPages(long pages)
    {
        using var scope = _lock.EnterScope();
        Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count={pages};"));
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A recorded message the node could not merge into its picture, set aside when it read the record.</summary>
/// <param name="Sequence">Its position in the record.</param>
/// <param name="Source">Its <c>source</c>.</param>
/// <param name="Id">Its <c>id</c>.</param>
/// <param name="Reason">Why it could not be merged, in English.</param>
/// <param name="Since">When it was set aside.</param>
public sealed record QuarantinedMessage(long Sequence, string Source, string Id, string Reason, DateTimeOffset Since);
