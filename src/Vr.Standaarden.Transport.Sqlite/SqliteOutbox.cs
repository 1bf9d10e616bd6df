using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vr.Standaarden.Transport.Sqlite;

/// <summary>How an <see cref="SqliteOutbox"/> delivers.</summary>
public sealed class OutboxOptions
{
    /// <summary>How many messages go to the sender at once; 100 by default.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The wait after the first failed attempt; doubled after each further failure up to <see cref="MaxRetryDelay"/>. 200 ms by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts; 30 s by default.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often <see cref="SqliteOutbox.RunAsync"/> looks for new messages when nothing signals it; 1 s by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Counts of an outbox's messages by state.</summary>
/// <param name="Pending">Waiting to be delivered.</param>
/// <param name="Delivered">Acknowledged by the receiving side.</param>
/// <param name="Refused">Refused for good by the receiving side (kept with the reason, not sent again).</param>
/// <param name="Duplicates">Of <paramref name="Delivered"/>, those the receiving side already had (sent before, acknowledgement lost).</param>
public sealed record OutboxCounts(long Pending, long Delivered, long Refused, long Duplicates);

/// <summary>A message the receiving side refused, as the outbox keeps it.</summary>
/// <param name="Source">Its <c>source</c>.</param>
/// <param name="Id">Its <c>id</c>.</param>
/// <param name="Code">The receiver's code.</param>
/// <param name="Detail">The receiver's reason.</param>
public sealed record OutboxRefusal(string Source, string Id, string? Code, string? Detail);

/// <summary>
/// Store-and-forward for a sender: a message is written to a SQLite file (WAL, synchronous FULL) before any attempt to
/// send it, and stays there until the receiving side acknowledges it, across restarts of the process and outages of the
/// link. A message is in the outbox once per (<c>source</c>, <c>id</c>): adding it again, after a restart with the same
/// input, changes nothing. Delivery is at-least-once; the receiving side's de-duplication (a stream's
/// <c>Nats-Msg-Id</c>, a receiver's inbox) turns it into one effect.
/// </summary>
public sealed class SqliteOutbox : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>Opens (or creates) the outbox in the SQLite file <paramref name="path"/>.</summary>
    public SqliteOutbox(string path, OutboxOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _options = options ?? new OutboxOptions();
        if (_options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BatchSize, "OutboxOptions.BatchSize must be at least 1.");
        }

        _time = time ?? TimeProvider.System;
        _connection = Sqlite.Open(path);
        Sqlite.Execute(_connection, """
            CREATE TABLE IF NOT EXISTS uitgaand (
              volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
              source TEXT NOT NULL, id TEXT NOT NULL, inhoud BLOB NOT NULL,
              status TEXT NOT NULL DEFAULT 'wachtend', pogingen INTEGER NOT NULL DEFAULT 0,
              code TEXT, reden TEXT, opgeslagen TEXT NOT NULL, afgehandeld TEXT,
              UNIQUE (source, id));
            CREATE INDEX IF NOT EXISTS uitgaand_wachtend ON uitgaand (status, volgnummer);
            """);
    }

    /// <summary>Writes <paramref name="messages"/> durably, in one transaction; returns how many were new.</summary>
    public async Task<int> AddAsync(IEnumerable<TransportMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var added = 0;
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO uitgaand (source, id, inhoud, opgeslagen) VALUES ($s, $i, $c, $t)";
            var s = command.Parameters.Add("$s", SqliteType.Text);
            var i = command.Parameters.Add("$i", SqliteType.Text);
            var c = command.Parameters.Add("$c", SqliteType.Blob);
            command.Parameters.AddWithValue("$t", Now());
            foreach (var message in messages)
            {
                ArgumentNullException.ThrowIfNull(message);
                s.Value = message.Source;
                i.Value = message.Id;
                c.Value = message.Utf8.ToArray();
                added += command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }

        if (added > 0)
        {
            _signal.Release();
        }

        return added;
    }

    /// <summary>Writes one message durably; <c>false</c> when it was there already.</summary>
    public async Task<bool> AddAsync(TransportMessage message, CancellationToken cancellationToken = default) =>
        await AddAsync([message], cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>The counts by state.</summary>
    public OutboxCounts Counts()
    {
        _gate.Wait();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT status, COUNT(*), SUM(code = 'dubbel') FROM uitgaand GROUP BY status";
            using var reader = command.ExecuteReader();
            long pending = 0, delivered = 0, refused = 0, duplicates = 0;
            while (reader.Read())
            {
                switch (reader.GetString(0))
                {
                    case "wachtend": pending = reader.GetInt64(1); break;
                    case "afgeleverd": (delivered, duplicates) = (reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2)); break;
                    case "geweigerd": refused = reader.GetInt64(1); break;
                }
            }

            return new OutboxCounts(pending, delivered, refused, duplicates);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The messages the receiving side refused, oldest first.</summary>
    public IReadOnlyList<OutboxRefusal> Refusals()
    {
        _gate.Wait();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT source, id, code, reden FROM uitgaand WHERE status = 'geweigerd' ORDER BY volgnummer";
            using var reader = command.ExecuteReader();
            var list = new List<OutboxRefusal>();
            while (reader.Read())
            {
                list.Add(new OutboxRefusal(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends every pending message with <paramref name="sender"/>, in order, batch by batch, and waits and tries again
    /// (with back-off) while the receiving side is unreachable, until nothing is pending or the token is cancelled.
    /// </summary>
    /// <returns>The counts when nothing is pending.</returns>
    public async Task<OutboxCounts> DeliverAsync(IMessageSender sender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var delay = _options.RetryDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await PendingAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return Counts();
            }

            IReadOnlyList<DeliveryOutcome> outcomes;
            try
            {
                outcomes = await sender.SendAsync([.. batch.Select(b => b.Message)], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcomes = [.. batch.Select(b => new DeliveryOutcome(b.Message, DeliveryStatus.Failed, null, e.Message))];
            }

            await RecordAsync(batch, outcomes, cancellationToken).ConfigureAwait(false);
            if (outcomes.Any(o => o.Status == DeliveryStatus.Failed))
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
            else
            {
                delay = _options.RetryDelay;
            }
        }
    }

    /// <summary>Delivers what is pending, then waits for new messages (or the poll interval) and delivers again, until cancelled.</summary>
    public async Task RunAsync(IMessageSender sender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        while (!cancellationToken.IsCancellationRequested)
        {
            await DeliverAsync(sender, cancellationToken).ConfigureAwait(false);
            await _signal.WaitAsync(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
        _signal.Dispose();
    }

    private async Task<List<(long Sequence, TransportMessage Message)>> PendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT volgnummer, inhoud FROM uitgaand WHERE status = 'wachtend' ORDER BY volgnummer LIMIT $n";
            command.Parameters.AddWithValue("$n", _options.BatchSize);
            using var reader = command.ExecuteReader();
            var list = new List<(long, TransportMessage)>();
            while (reader.Read())
            {
                list.Add((reader.GetInt64(0), TransportMessage.Parse((byte[])reader.GetValue(1))));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RecordAsync(List<(long Sequence, TransportMessage Message)> batch, IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count != batch.Count)
        {
            throw new InvalidOperationException($"The sender returned {outcomes.Count} outcomes for {batch.Count} messages.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE uitgaand SET status = $st, pogingen = pogingen + 1, code = $c, reden = $r, afgehandeld = $t WHERE volgnummer = $n";
            var st = command.Parameters.Add("$st", SqliteType.Text);
            var c = command.Parameters.Add("$c", SqliteType.Text);
            var r = command.Parameters.Add("$r", SqliteType.Text);
            var t = command.Parameters.Add("$t", SqliteType.Text);
            var n = command.Parameters.Add("$n", SqliteType.Integer);
            for (var k = 0; k < batch.Count; k++)
            {
                var outcome = outcomes[k];
                st.Value = outcome.Status switch
                {
                    DeliveryStatus.Accepted or DeliveryStatus.Duplicate => "afgeleverd",
                    DeliveryStatus.Refused => "geweigerd",
                    _ => "wachtend",
                };
                c.Value = outcome.Status == DeliveryStatus.Duplicate ? "dubbel" : (object?)outcome.Code ?? DBNull.Value;
                r.Value = (object?)outcome.Detail ?? DBNull.Value;
                t.Value = outcome.Status == DeliveryStatus.Failed ? DBNull.Value : Now();
                n.Value = batch[k].Sequence;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
