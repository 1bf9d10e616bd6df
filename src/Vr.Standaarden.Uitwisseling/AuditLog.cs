using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// An append-only audit file of the decisions recorded through <see cref="Accountability"/>: one JSON line per record
/// with the fields of "Logboek dataverwerkingen" (<c>trace_id</c>, <c>span_id</c>, <c>parent_span_id</c>, <c>name</c>,
/// <c>status_code</c>, <c>start_time</c>, <c>end_time</c>, <c>attributes</c>), a sequence number, and the SHA-256 of
/// the line before (<c>prev</c>). <see cref="Verify(string)"/> finds a record removed, inserted or altered; a line cut off
/// the end is found against the last hash, kept elsewhere. Thread-safe; each line is flushed to disk.
/// </summary>
public sealed class AuditLog : IDisposable
{
    /// <summary>The <c>prev</c> of the first record: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly ActivityListener _listener;
    private long _sequence;
    private string _last;

    /// <summary>Opens (or creates) the audit file at <paramref name="path"/> and listens to <see cref="Accountability"/>.</summary>
    /// <exception cref="InvalidDataException">The file exists and its chain is broken; the message says where.</exception>
    public AuditLog(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var existing = File.Exists(path) ? Verify(path) : new AuditVerification(true, 0, Genesis, null);
        if (!existing.IsIntact)
        {
            throw new InvalidDataException($"{path}: {existing.Problem}");
        }

        (_sequence, _last) = (existing.Records, existing.LastHash);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Accountability.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Write,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The SHA-256 (hex) of the last line: keep it elsewhere to detect lines cut off the end.</summary>
    public string LastHash
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>Checks the chain of an audit file.</summary>
    public static AuditVerification Verify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Verify(File.ReadLines(path));
    }

    /// <summary>Checks the chain of audit records given as their lines, first to last (line numbers count from 1).</summary>
    public static AuditVerification Verify(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var previous = Genesis;
        long count = 0;
        var line = 0;
        foreach (var text in lines)
        {
            line++;
            try
            {
                using var record = JsonDocument.Parse(text);
                var root = record.RootElement;
                if (root.GetProperty("seq").GetInt64() != count + 1)
                {
                    return new AuditVerification(false, count, previous, $"line {line}: sequence {root.GetProperty("seq").GetInt64()} where {count + 1} was expected: a record was removed or inserted.");
                }

                if (root.GetProperty("prev").GetString() != previous)
                {
                    return new AuditVerification(false, count, previous, $"line {line}: prev does not match the line before: a record before it was altered or removed.");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return new AuditVerification(false, count, previous, $"line {line}: not an audit record ({ex.Message}).");
            }

            previous = HashOf(text);
            count++;
        }

        return new AuditVerification(true, count, previous, null);
    }

    private void Write(Activity activity)
    {
        lock (_gate)
        {
            var line = Record(_sequence + 1, _last, activity.OperationName, activity.Status == ActivityStatusCode.Error ? 2 : activity.Status == ActivityStatusCode.Ok ? 1 : 0,
                activity.StartTimeUtc, activity.StartTimeUtc + activity.Duration, activity.TraceId, activity.SpanId, activity.ParentSpanId,
                activity.TagObjects.Select(t => new KeyValuePair<string, string?>(t.Key, Convert.ToString(t.Value, CultureInfo.InvariantCulture))));
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
            _sequence++;
            _last = HashOf(line);
        }
    }

    /// <summary>
    /// One record as a line of an audit file: sequence <paramref name="sequence"/> after the record whose hash is
    /// <paramref name="previous"/> (<see cref="Genesis"/> for the first), with the fields of "Logboek dataverwerkingen".
    /// Other logs that keep their chain elsewhere (a node's processing log in its record) write the same lines, so that
    /// <see cref="Verify(string)"/> and <c>vr audit verify</c> check their exports.
    /// </summary>
    public static string Record(long sequence, string previous, string name, int statusCode, DateTime start, DateTime end, ActivityTraceId traceId, ActivitySpanId spanId, ActivitySpanId parentSpanId, IEnumerable<KeyValuePair<string, string?>> attributes)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(attributes);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", sequence);
            writer.WriteString("prev", previous);
            writer.WriteString("trace_id", traceId.ToHexString());
            writer.WriteString("span_id", spanId.ToHexString());
            if (parentSpanId != default)
            {
                writer.WriteString("parent_span_id", parentSpanId.ToHexString());
            }

            writer.WriteString("name", name);
            writer.WriteNumber("status_code", statusCode);
            writer.WriteString("start_time", start.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("end_time", end.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartObject("attributes");
            foreach (var (key, value) in attributes)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The SHA-256 (lower-case hex) of a record's line: the <c>prev</c> of the record after it.</summary>
    public static string HashOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listener.Dispose();
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}

/// <summary>The outcome of checking an audit file.</summary>
/// <param name="IsIntact">Whether the chain holds from the first record to the last.</param>
/// <param name="Records">How many records hold (all of them when intact).</param>
/// <param name="LastHash">The SHA-256 of the last record that holds.</param>
/// <param name="Problem">Where and how the chain breaks, when it does.</param>
public sealed record AuditVerification(bool IsIntact, long Records, string LastHash, string? Problem);
