using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>Signing and verifying jws: the happy paths, the binding to the OIN, and every refusal with its code.</summary>
public sealed class SigningTests
{
    private const string Oin = "00000004000000042000";
    private static readonly (X509Certificate2 Root, X509Certificate2 Intermediate) Pki = TestPki.Authority();

    private static byte[] Message(string source = "urn:nld:oin:" + Oin + ":systeem:GMS", string time = "2026-11-20T21:42:00+01:00") => Encoding.UTF8.GetBytes($$"""
        {
          "specversion": "1.0", "id": "0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11", "source": "{{source}}",
          "type": "nl.veiligheidsregio.incident.v1", "time": "{{time}}", "datacontenttype": "application/json",
          "dataschema": "https://vr-standaarden.github.io/spec/1.1/schemas/incident.schema.json",
          "tlp": "TLP:RED", "ontvangers": "urn:nld:oin:00000004000000015000", "doelbinding": "incidentbestrijding", "bewaartermijn": "P30D",
          "data": { "id": "INC-15-2026-0042", "disciplines": ["BRW", "GNK"], "aantal": 3, "factor": 1.5, "omschrijving": "Brand in woning, één gewonde", "leeg": null, "waar": true }
        }
        """);

    private static MessageVerifier Verifier(Action<VerifierOptions>? configure = null)
    {
        var options = new VerifierOptions();
        options.TrustAnchors.Add(Pki.Root);
        configure?.Invoke(options);
        return new MessageVerifier(options);
    }

    private static MessageSigner EcSigner(string? oin = Oin, DateTimeOffset? from = null, DateTimeOffset? until = null) =>
        new(TestPki.Leaf(Pki.Intermediate, oin, ECDsa.Create(ECCurve.NamedCurves.nistP256), from, until), [Pki.Intermediate]);

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.PS256)]
    [InlineData(SigningAlgorithm.RS256)]
    public void A_signed_message_verifies_and_names_the_oin_of_its_certificate(SigningAlgorithm algorithm)
    {
        AsymmetricAlgorithm key = algorithm == SigningAlgorithm.ES256 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var signer = new MessageSigner(TestPki.Leaf(Pki.Intermediate, Oin, key), [Pki.Intermediate], algorithm);
        var signed = signer.Sign(Message());
        var result = Verifier().Verify(signed);
        Assert.True(result.IsVerified, result.Reason?.English);
        Assert.Equal(Oin, result.Oin);
        Assert.Equal(algorithm.ToString(), result.Algorithm);

        var jws = JsonNode.Parse(signed)!["jws"]!.GetValue<string>();
        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Empty(parts[1]);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal(algorithm.ToString(), header["alg"]!.GetValue<string>());
        Assert.Equal(2, header["x5c"]!.AsArray().Count);
    }

    [Fact]
    public async Task One_signers_messages_verify_on_every_core_at_once_and_a_changed_one_never_slips_through()
    {
        var signer = EcSigner();
        var verifier = Verifier();
        var good = signer.Sign(Message());
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(good).Replace("Brand in woning", "Brand in wonink", StringComparison.Ordinal));
        var results = new bool[4000];
        await Parallel.ForAsync(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            results[i] = verifier.Verify(i % 4 == 3 ? changed : good).IsVerified;
            return ValueTask.CompletedTask;
        });
        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => i % 4 != 3), results);
    }

    [Fact]
    public void Layout_and_member_order_do_not_matter_but_every_changed_byte_does()
    {
        var signed = JsonNode.Parse(EcSigner().Sign(Message()))!.AsObject();
        var verifier = Verifier();

        // Reordered and compact: the same canonical form.
        var reordered = new JsonObject(signed.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        Assert.True(verifier.Verify(Encoding.UTF8.GetBytes(reordered.ToJsonString())).IsVerified);

        // Every value of every attribute and of data, changed by one character: refused.
        var changed = 0;
        foreach (var (pointer, value) in Leaves(signed, ""))
        {
            if (pointer == "/jws")
            {
                continue;
            }

            var copy = signed.DeepClone().AsObject();
            Set(copy, pointer, value switch
            {
                string s => JsonValue.Create(s.Length > 0 ? (char)(s[0] ^ 1) + s[1..] : "x"),
                long n => JsonValue.Create(n + 1),
                double d => JsonValue.Create(d + 1),
                bool b => JsonValue.Create(!b),
                _ => JsonValue.Create(0),
            });
            var result = verifier.Verify(Encoding.UTF8.GetBytes(copy.ToJsonString()));
            // The signature; a changed source may be refused earlier, by the binding of the key to its OIN.
            Assert.True(result.Code is SignatureCodes.BadSignature || (pointer == "/source" && result.Code == SignatureCodes.OinMismatch), $"{pointer}: {result.Code}");
            changed++;
        }

        Assert.Equal(19, changed);

        // A member added or removed, in the envelope or in data: refused.
        var added = signed.DeepClone().AsObject();
        added["subject"] = "INC-1";
        Assert.Equal(SignatureCodes.BadSignature, verifier.Verify(Encoding.UTF8.GetBytes(added.ToJsonString())).Code);
        var removed = signed.DeepClone().AsObject();
        removed["data"]!.AsObject().Remove("leeg");
        Assert.Equal(SignatureCodes.BadSignature, verifier.Verify(Encoding.UTF8.GetBytes(removed.ToJsonString())).Code);
    }

    [Fact]
    public void A_key_from_the_trust_list_verifies_by_kid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        var list = TrustList.Parse(Encoding.UTF8.GetBytes(new JsonObject
        {
            [Oin] = new JsonObject { ["keys"] = new JsonArray(new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "gms-2026", ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y) }) },
        }.ToJsonString()));
        var signed = new MessageSigner(key, "gms-2026").Sign(Message());
        Assert.True(Verifier(o => o.TrustList = list).Verify(signed).IsVerified);

        var other = new MessageSigner(key, "gms-2025").Sign(Message());
        Assert.Equal(SignatureCodes.UnknownKey, Verifier(o => o.TrustList = list).Verify(other).Code);
        var elsewhere = new MessageSigner(key, "gms-2026").Sign(Message(source: "urn:nld:oin:00000004000000015000"));
        Assert.Equal(SignatureCodes.UnknownKey, Verifier(o => o.TrustList = list).Verify(elsewhere).Code);
    }

    [Fact]
    public void The_oin_of_the_certificate_must_be_the_oin_in_source()
    {
        var signed = EcSigner().Sign(Message(source: "urn:nld:oin:00000004000000015000"));
        var result = Verifier().Verify(signed);
        Assert.Equal(SignatureCodes.OinMismatch, result.Code);
        Assert.Contains("OIN 00000004000000042000", result.Reason!.English, StringComparison.Ordinal);
        Assert.Equal(SignatureCodes.OinMismatch, Verifier().Verify(EcSigner(oin: null).Sign(Message())).Code);
    }

    [Fact]
    public void Chains_must_lead_to_an_anchor_be_valid_at_the_moment_of_verification_and_not_be_revoked()
    {
        var stranger = TestPki.Authority("Vreemde");
        var foreign = new MessageSigner(TestPki.Leaf(stranger.Intermediate, Oin, ECDsa.Create(ECCurve.NamedCurves.nistP256)), [stranger.Intermediate]).Sign(Message());
        Assert.Equal(SignatureCodes.Untrusted, Verifier().Verify(foreign).Code);
        Assert.True(Verifier(o => o.TrustAnchors.Add(stranger.Root)).Verify(foreign).IsVerified);

        // Validity is judged at the moment of verification, never at the time the message claims.
        var signer = EcSigner();
        Assert.True(Verifier().Verify(signer.Sign(Message(time: "2019-03-01T10:00:00Z"))).IsVerified);
        Assert.True(Verifier().Verify(signer.Sign(Message(time: "2040-03-01T10:00:00Z"))).IsVerified);
        Assert.Equal(SignatureCodes.NotValidAtTime, Verifier(o => o.At = TestPki.End.AddDays(1)).Verify(signer.Sign(Message())).Code);
        Assert.Equal(SignatureCodes.NotValidAtTime, Verifier(o => o.At = TestPki.Start.AddDays(-1)).Verify(signer.Sign(Message())).Code);

        var revoked = Verifier(o => o.Revocation = (certificate, _) => certificate.Subject.Contains("gms.test", StringComparison.Ordinal) ? RevocationStatus.Revoked : RevocationStatus.Good);
        Assert.Equal(SignatureCodes.Revoked, revoked.Verify(signer.Sign(Message())).Code);

        var noSigning = new MessageSigner(TestPki.Leaf(Pki.Intermediate, Oin, ECDsa.Create(ECCurve.NamedCurves.nistP256), usage: X509KeyUsageFlags.KeyEncipherment), [Pki.Intermediate]);
        Assert.Equal(SignatureCodes.KeyMismatch, Verifier().Verify(noSigning.Sign(Message())).Code);
    }

    [Fact]
    public void A_certificate_that_expired_is_refused_however_far_back_the_message_dates_itself_and_an_audit_can_ask_about_then()
    {
        // Expired in 2024; the message claims 2023, when the certificate was still valid.
        var expired = EcSigner(from: new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), until: new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var backdated = expired.Sign(Message(time: "2023-06-01T10:00:00Z"));
        var refused = Verifier().Verify(backdated);
        Assert.Equal(SignatureCodes.NotValidAtTime, refused.Code);
        Assert.Contains("moment of verification", refused.Reason!.English, StringComparison.Ordinal);

        // Revocation is asked about the same moment, never the message's.
        var asked = new List<DateTimeOffset>();
        var now = DateTimeOffset.UtcNow;
        Verifier(o => o.Revocation = (_, at) => { asked.Add(at); return RevocationStatus.Good; }).Verify(EcSigner().Sign(Message(time: "2021-01-01T00:00:00Z")));
        Assert.NotEmpty(asked);
        Assert.All(asked, at => Assert.InRange(at, now.AddMinutes(-5), now.AddMinutes(5)));

        // An audit of what was verified on 2023-07-01 judges the certificates at that moment.
        Assert.True(Verifier(o => o.At = new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero)).Verify(backdated).IsVerified);
    }

    [Theory]
    [InlineData("""{"alg":"none","x5c":[]}""", SignatureCodes.Algorithm)]
    [InlineData("""{"alg":"HS256","kid":"k"}""", SignatureCodes.Algorithm)]
    [InlineData("""{"alg":"es256","kid":"k"}""", SignatureCodes.Algorithm)]
    [InlineData("""{"alg":"ES384","kid":"k"}""", SignatureCodes.Algorithm)]
    [InlineData("""{"alg":"ES256","crit":["b64"],"b64":false,"kid":"k"}""", SignatureCodes.Algorithm)]
    [InlineData("""{"alg":"ES256","alg":"none","kid":"k"}""", SignatureCodes.Malformed)]
    [InlineData("""{"alg":"ES256"}""", SignatureCodes.UnknownKey)]
    public void Headers_that_ask_for_what_is_not_allowed_are_refused(string header, string code)
    {
        var jws = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + ".." + Base64Url.EncodeToString(new byte[64]);
        var message = JsonNode.Parse(Message())!.AsObject();
        message["jws"] = jws;
        Assert.Equal(code, Verifier().Verify(Encoding.UTF8.GetBytes(message.ToJsonString())).Code);
    }

    [Fact]
    public void An_rsa_algorithm_with_an_ec_certificate_is_algorithm_confusion()
    {
        var signed = JsonNode.Parse(EcSigner().Sign(Message()))!.AsObject();
        var parts = signed["jws"]!.GetValue<string>().Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        header["alg"] = "RS256";
        signed["jws"] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + ".." + parts[2];
        Assert.Equal(SignatureCodes.KeyMismatch, Verifier().Verify(Encoding.UTF8.GetBytes(signed.ToJsonString())).Code);
    }

    [Theory]
    [InlineData("""{"source":"urn:nld:oin:00000004000000042000","time":"2026-11-20T21:42:00Z","jws":"a..b","data":{"x":1,"x":2}}""", SignatureCodes.NotCanonical)]
    [InlineData("""{"source":"urn:nld:oin:00000004000000042000","time":"2026-11-20T21:42:00Z","jws":"a..b","data":"\udc00"}""", SignatureCodes.NotCanonical)]
    [InlineData("""{"source":"urn:nld:oin:00000004000000042000","time":"2026-11-20T21:42:00Z"}""", SignatureCodes.Missing)]
    [InlineData("""{"source":"urn:nld:oin:00000004000000042000","time":"2026-11-20T21:42:00Z","jws":"a.b.c"}""", SignatureCodes.Malformed)]
    [InlineData("""{"source":"urn:nld:oin:00000004000000042000","time":"2026-11-20T21:42:00Z","jws":"!!..b"}""", SignatureCodes.Malformed)]
    public void Messages_that_are_not_i_json_or_carry_no_usable_jws_are_refused(string message, string code) =>
        Assert.Equal(code, Verifier().Verify(Encoding.UTF8.GetBytes(message)).Code);

    [Fact]
    public void A_signer_refuses_a_key_that_does_not_fit()
    {
        Assert.Throws<ArgumentException>(() => new MessageSigner(ECDsa.Create(ECCurve.NamedCurves.nistP384), "k"));
        Assert.Throws<ArgumentException>(() => new MessageSigner(RSA.Create(1024), "k"));
        Assert.Throws<ArgumentException>(() => new MessageSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256), "k", SigningAlgorithm.PS256));
        Assert.Throws<CanonicalizationException>(() => EcSigner().Sign("""{"a":1,"a":2}"""u8));
    }

    private static IEnumerable<(string Pointer, object? Value)> Leaves(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    foreach (var leaf in Leaves(child, pointer + "/" + name))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Leaves(a[i], pointer + "/" + i))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValue v:
                yield return (pointer, v.TryGetValue<string>(out var s) ? s : v.TryGetValue<long>(out var n) ? n : v.TryGetValue<double>(out var d) ? d : v.TryGetValue<bool>(out var b) ? b : null);
                break;
            default:
                yield return (pointer, null);
                break;
        }
    }

    private static void Set(JsonObject root, string pointer, JsonNode? value)
    {
        var tokens = pointer[1..].Split('/');
        JsonNode node = root;
        foreach (var token in tokens[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)]! : node[token]!;
        }

        if (node is JsonArray array)
        {
            array[int.Parse(tokens[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[tokens[^1]] = value;
        }
    }
}
