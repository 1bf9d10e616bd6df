using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Vr.Standaarden.Knooppunt;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// Ingest of 2,000 signed incident messages of about 1 KB on the embedded default, in batches of 100, in one run:
/// <list type="bullet">
/// <item><description>the floor: verify each signature, then insert the same bytes into a SQLite table (WAL, synchronous FULL), one transaction per batch;</description></item>
/// <item><description>beside it, the floor with the signatures of each batch verified on every core;</description></item>
/// <item><description>the node: <see cref="KnooppuntIngest.ReceiveBatchAsync"/> — verify, validate (schema and domain rules) and sharing policy on every core, then record (one transaction per batch, de-duplicated on source + id) and merge into the picture, handled in order.</description></item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class KnooppuntBenchmarks
{
    private const int Count = 2000;
    private const int Batch = 100;
    private const string Node = "00000099150000000001";
    private List<ReadOnlyMemory<byte>> _signed = [];
    private MessageVerifier _verifier = null!;
    private readonly MessageValidator _validator = new();
    private RecipientRegister _register = null!;
    private string _folder = "";
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        var template = JsonNode.Parse(Standard.Release(Vr.Standaarden.Model.Messages.Release).Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        template["source"] = "urn:nld:oin:00000099150000000010:systeem:GMS";
        template.Remove("expirytime");
        var data = template["data"]!.AsObject();
        data.Remove("eenheden");
        data.Remove("meldingIds");
        data["locatie"]!.AsObject().Remove("adres");
        var (root, leaf) = BenchPki.Create("00000099150000000010");
        var signer = new MessageSigner(leaf);
        _signed = [.. Enumerable.Range(0, Count).Select(i =>
        {
            var message = template.DeepClone().AsObject();
            message["id"] = $"ingest-{i:D6}";
            var id = $"INC-15-2026-{i % 500:D4}";
            message["subject"] = id;
            message["correlationid"] = id;
            message["data"]!["id"] = id;
            return (ReadOnlyMemory<byte>)signer.Sign(Encoding.UTF8.GetBytes(message.ToJsonString()));
        })];
        var options = new VerifierOptions();
        options.TrustAnchors.Add(root);
        _verifier = new MessageVerifier(options);
        _register = RecipientRegister.Parse(Encoding.UTF8.GetBytes("""
            {"afnemers": [
              {"oin": "00000099150000000000", "naam": "VR15", "doelen": ["incidentbestrijding", "crisisbeheersing"], "persoonsgegevens": ["gewoon"]},
              {"oin": "00000099150000000010", "naam": "GMS", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding"]},
              {"oin": "00000099150000000001", "naam": "knooppunt", "organisatie": "00000099150000000000", "doelen": ["incidentbestrijding", "crisisbeheersing"], "persoonsgegevens": ["gewoon"]}
            ]}
            """));
        _folder = Directory.CreateTempSubdirectory("vr-bench-ingest-").FullName;
        Console.WriteLine($"// message size: {_signed.Average(m => m.Length):0} bytes signed");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    [IterationSetup]
    public void Fresh() => _round++;

    /// <summary>Signature verification and a batched insert of the same bytes.</summary>
    [Benchmark(Baseline = true)]
    public int VerifyAndBatchedInsert() => Floor(parallel: false);

    /// <summary>Beside the floor: the same with each batch's signatures verified on every core, as the node checks them.</summary>
    [Benchmark]
    public int VerifyOnEveryCoreAndBatchedInsert() => Floor(parallel: true);

    private void Verify(ReadOnlyMemory<byte> message)
    {
        if (!_verifier.Verify(message.Span).IsVerified)
        {
            throw new InvalidOperationException("The signature did not verify.");
        }
    }

    private int Floor(bool parallel)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, $"floor-{_round}-{parallel}.db")};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE berichten (volgnummer INTEGER PRIMARY KEY AUTOINCREMENT, inhoud BLOB NOT NULL)";
            setup.ExecuteNonQuery();
        }

        var stored = 0;
        foreach (var batch in _signed.Chunk(Batch))
        {
            if (parallel)
            {
                Parallel.For(0, batch.Length, i => Verify(batch[i]));
            }
            else
            {
                foreach (var message in batch)
                {
                    Verify(message);
                }
            }

            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO berichten (inhoud) VALUES ($c)";
            var content = insert.Parameters.Add("$c", SqliteType.Blob);
            foreach (var message in batch)
            {
                content.Value = message.ToArray();
                stored += insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return stored;
    }

    /// <summary>The node's ingest: verify, validate, sharing policy, record and merge.</summary>
    [Benchmark]
    public Task<int> Ingest() => IngestAsync(validate: true, share: true);

    /// <summary>Beside it, to show what dominates: the same without validation.</summary>
    [Benchmark]
    public Task<int> IngestWithoutValidation() => IngestAsync(validate: false, share: true);

    /// <summary>Beside it: the same without the sharing policy.</summary>
    [Benchmark]
    public Task<int> IngestWithoutSharing() => IngestAsync(validate: true, share: false);

    private async Task<int> IngestAsync(bool validate, bool share)
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, $"node-{_round}-{validate}-{share}.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verification = VerificationMode.Required,
            Verifier = _verifier,
            Validation = validate ? ValidationMode.Full : ValidationMode.Off,
            Validator = validate ? _validator : null,
            Sharing = share ? SharingMode.Enforce : SharingMode.Off,
            Policy = share ? new SharingPolicy(_register) : null,
            Recipient = share ? Node : null,
            Deduplication = DeduplicationMode.Off,
        }));
        var accepted = 0;
        foreach (var batch in _signed.Chunk(Batch))
        {
            foreach (var outcome in await ingest.ReceiveBatchAsync(receiver, batch))
            {
                accepted += outcome.Status == ReceiveStatus.Accepted ? 1 : throw new InvalidOperationException($"{outcome.Status}: {string.Join("; ", outcome.Problems)}");
            }
        }

        return accepted;
    }
}
