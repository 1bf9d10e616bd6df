using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// The cost of the envelope's signature against its floor, in one run: canonicalize + sign against raw ECDSA SignData
/// over the same canonical bytes; verify against raw VerifyData; canonicalization against JsonDocument.Parse of the same
/// bytes; a sharing decision against one verification.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SigningBenchmarks
{
    private const string Oin = "00000004000000042000";
    private byte[] _message = [];
    private byte[] _signed = [];
    private byte[] _signingInput = [];
    private byte[] _signature = [];
    private ECDsa _key = null!;
    private MessageSigner _signer = null!;
    private MessageVerifier _verifier = null!;
    private SharingPolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = Standard.Release("1.1").Find("voorbeelden/geldig/bericht-rood-met-ontvangers.json")!.Utf8.ToArray();
        var (root, leaf) = BenchPki.Create(Oin);
        _key = leaf.GetECDsaPrivateKey()!;
        _signer = new MessageSigner(leaf);
        _signed = _signer.Sign(_message);
        var options = new VerifierOptions();
        options.TrustAnchors.Add(root);
        _verifier = new MessageVerifier(options);

        var jws = JsonDocument.Parse(_signed).RootElement.GetProperty("jws").GetString()!.Split('.');
        _signingInput = Encoding.ASCII.GetBytes(jws[0] + "." + Base64Url.EncodeToString(JsonCanonicalizer.Canonicalize(_message, Vr.Standaarden.Schema.Input.InputLimits.Default, "jws")));
        _signature = Base64Url.DecodeFromChars(jws[2]);
        _policy = new SharingPolicy(RecipientRegister.Parse("""{"afnemers":[{"oin":"00000004000000015000","naam":"GHOR","doelen":["incidentbestrijding"],"persoonsgegevens":["gewoon"]}]}"""u8),
            new SharingOptions { Time = new Fixed(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero)) });
        if (!_verifier.Verify(_signed).IsVerified || _policy.Decide(_signed, "00000004000000015000").Verdict == SharingVerdict.Refuse)
        {
            throw new InvalidOperationException("The benchmark's message does not verify or is refused.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sign")]
    public byte[] RawSignData() => _key.SignData(_signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark, BenchmarkCategory("sign")]
    public string CanonicalizeAndSign() => _signer.CreateJws(_message);

    [Benchmark(Baseline = true), BenchmarkCategory("verify")]
    public bool RawVerifyData() => _key.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark, BenchmarkCategory("verify")]
    public bool Verify() => _verifier.Verify(_signed).IsVerified;

    [Benchmark, BenchmarkCategory("verify")]
    public SharingVerdict PolicyDecision() => _policy.Decide(_signed, "00000004000000015000").Verdict;

    [Benchmark(Baseline = true), BenchmarkCategory("canonicalize")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_message);
        return (int)document.RootElement.ValueKind;
    }

    [Benchmark, BenchmarkCategory("canonicalize")]
    public int Canonicalize() => JsonCanonicalizer.Canonicalize(_message).Length;

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
