using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vr.Standaarden.Transport.Sqlite;

/// <summary>
/// The embedded inbox: a table <c>ontvangen(source, id, ontvangen)</c> in a SQLite file (WAL, synchronous FULL, so a
/// commit survives a crash of the process and of the machine). A handler that keeps its state in the same file writes
/// through <see cref="SqliteInboxEntry.Connection"/> and <see cref="SqliteInboxEntry.Transaction"/>: its effect and the
/// acceptance commit together, which makes the effect exactly-once.
/// </summary>
public sealed class SqliteInbox : IInbox, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _reader;
    private readonly Lock _readerGate = new();
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the inbox in the SQLite file <paramref name="path"/>.</summary>
    public SqliteInbox(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _time = time ?? TimeProvider.System;
        _connection = Sqlite.Open(path);
        Sqlite.Execute(_connection, "CREATE TABLE IF NOT EXISTS ontvangen (source TEXT NOT NULL, id TEXT NOT NULL, ontvangen TEXT NOT NULL, PRIMARY KEY (source, id)) WITHOUT ROWID");
        _reader = Sqlite.Open(path);
    }

    /// <summary>The number of messages accepted.</summary>
    public long Count
    {
        get
        {
            _gate.Wait();
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM ontvangen";
                return (long)command.ExecuteScalar()!;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// Whether a committed entry holds (<paramref name="source"/>, <paramref name="id"/>). Read through a connection of its
    /// own, so it neither waits for nor sees an entry or batch still open (which finds its own duplicates when it begins).
    /// </summary>
    public ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_readerGate)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = "SELECT 1 FROM ontvangen WHERE source = $s AND id = $i";
            command.Parameters.AddWithValue("$s", source);
            command.Parameters.AddWithValue("$i", id);
            return ValueTask.FromResult(command.ExecuteScalar() is not null);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteTransaction? transaction = null;
        try
        {
            transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            if (!Insert(source, id, transaction))
            {
                transaction.Rollback();
                transaction.Dispose();
                _gate.Release();
                return null;
            }

            return new SqliteInboxEntry(_connection, transaction, _gate);
        }
        catch
        {
            transaction?.Dispose();
            _gate.Release();
            throw;
        }
    }

    /// <summary>
    /// Starts a batch: one transaction for all its messages, each entry in a savepoint of its own, so one handler's
    /// failure undoes only its own writes. The batch commits with one durable write of the file.
    /// </summary>
    public async ValueTask<InboxBatch> BeginBatchAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new SqliteInboxBatch(this, _connection.BeginTransaction(deferred: false), _gate);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <summary>Records (<paramref name="source"/>, <paramref name="id"/>) in <paramref name="transaction"/>; <c>false</c> when it was there.</summary>
    internal bool Insert(string source, string id, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO ontvangen (source, id, ontvangen) VALUES ($s, $i, $t)";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$t", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() > 0;
    }
}

/// <summary>
/// An entry of a <see cref="SqliteInbox"/>: a transaction the handler may write its effect in. In a batch
/// (<see cref="SqliteInbox.BeginBatchAsync"/>) the transaction is the batch's and the entry's writes sit in a savepoint
/// of their own: committing the entry keeps them in the batch, disposing it without commit rolls back only them.
/// </summary>
public sealed class SqliteInboxEntry : InboxEntry
{
    private readonly SemaphoreSlim? _gate;
    private readonly SqliteInboxBatch? _batch;
    private readonly string? _savepoint;
    private bool _done;

    internal SqliteInboxEntry(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    {
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
    }

    internal SqliteInboxEntry(SqliteConnection connection, SqliteTransaction transaction, SqliteInboxBatch batch, string savepoint)
    {
        Connection = connection;
        Transaction = transaction;
        _batch = batch;
        _savepoint = savepoint;
    }

    /// <summary>The inbox's connection; commands on it must use <see cref="Transaction"/>.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The transaction that records the acceptance; what is written in it commits with it.</summary>
    public SqliteTransaction Transaction { get; }

    /// <inheritdoc/>
    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_savepoint is not null)
        {
            Transaction.Release(_savepoint);
        }
        else
        {
            Transaction.Commit();
        }

        Finish();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        if (!_done)
        {
            try
            {
                if (_savepoint is not null)
                {
                    Transaction.Rollback(_savepoint);
                    Transaction.Release(_savepoint);
                }
                else
                {
                    Transaction.Rollback();
                }
            }
            finally
            {
                Finish();
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Finish()
    {
        _done = true;
        if (_batch is not null)
        {
            _batch.EntryDone();
            return;
        }

        Transaction.Dispose();
        _gate!.Release();
    }
}

/// <summary>A batch of a <see cref="SqliteInbox"/>: one transaction, a savepoint per entry.</summary>
internal sealed class SqliteInboxBatch(SqliteInbox inbox, SqliteTransaction transaction, SemaphoreSlim gate) : InboxBatch
{
    private int _entries;
    private bool _open;
    private bool _done;

    public override ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_done, this);
        if (_open)
        {
            throw new InvalidOperationException("The batch's previous entry is neither committed nor disposed.");
        }

        var savepoint = "m" + (++_entries).ToString(CultureInfo.InvariantCulture);
        transaction.Save(savepoint);
        bool added;
        try
        {
            added = inbox.Insert(source, id, transaction);
        }
        catch
        {
            transaction.Rollback(savepoint);
            transaction.Release(savepoint);
            throw;
        }

        if (!added)
        {
            transaction.Release(savepoint);
            return ValueTask.FromResult<InboxEntry?>(null);
        }

        _open = true;
        return ValueTask.FromResult<InboxEntry?>(new SqliteInboxEntry(transaction.Connection!, transaction, this, savepoint));
    }

    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_open)
        {
            throw new InvalidOperationException("The batch's last entry is neither committed nor disposed.");
        }

        transaction.Commit();
        Finish();
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        if (!_done)
        {
            try
            {
                transaction.Rollback();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                // A commit that failed has ended the transaction already; nothing of it was kept.
            }
            finally
            {
                Finish();
            }
        }

        return ValueTask.CompletedTask;
    }

    internal void EntryDone() => _open = false;

    private void Finish()
    {
        _done = true;
        transaction.Dispose();
        gate.Release();
    }
}

internal static class Sqlite
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
