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
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the inbox in the SQLite file <paramref name="path"/>.</summary>
    public SqliteInbox(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _time = time ?? TimeProvider.System;
        _connection = Sqlite.Open(path);
        Sqlite.Execute(_connection, "CREATE TABLE IF NOT EXISTS ontvangen (source TEXT NOT NULL, id TEXT NOT NULL, ontvangen TEXT NOT NULL, PRIMARY KEY (source, id)) WITHOUT ROWID");
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

    /// <inheritdoc/>
    public async ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Contains(source, id, null);
        }
        finally
        {
            _gate.Release();
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
            command.CommandText = "INSERT OR IGNORE INTO ontvangen (source, id, ontvangen) VALUES ($s, $i, $t)";
            command.Parameters.AddWithValue("$s", source);
            command.Parameters.AddWithValue("$i", id);
            command.Parameters.AddWithValue("$t", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            if (command.ExecuteNonQuery() == 0)
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

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private bool Contains(string source, string id, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM ontvangen WHERE source = $s AND id = $i";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$i", id);
        return command.ExecuteScalar() is not null;
    }
}

/// <summary>An entry of a <see cref="SqliteInbox"/>: a transaction the handler may write its effect in.</summary>
public sealed class SqliteInboxEntry : InboxEntry
{
    private readonly SemaphoreSlim _gate;
    private bool _done;

    internal SqliteInboxEntry(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    {
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
    }

    /// <summary>The inbox's connection; commands on it must use <see cref="Transaction"/>.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The transaction that records the acceptance; what is written in it commits with it.</summary>
    public SqliteTransaction Transaction { get; }

    /// <inheritdoc/>
    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        Transaction.Commit();
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
                Transaction.Rollback();
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
        Transaction.Dispose();
        _gate.Release();
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
