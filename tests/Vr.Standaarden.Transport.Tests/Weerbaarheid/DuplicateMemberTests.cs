using System.Text;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Transport.Tests.Weerbaarheid;

/// <summary>
/// A message with a member name given twice means one thing to a reader that keeps the first and another to one that
/// keeps the last: every entry point refuses it, located, instead of reading it one way.
/// </summary>
public sealed class DuplicateMemberTests
{
    /// <summary>The incident example with <c>"niveau": "GRIP4"</c> before its own <c>"niveau": "GRIP1"</c>, the second escaped.</summary>
    private static byte[] Poisoned()
    {
        var text = TestMessages.IncidentJson(1).ToJsonString();
        var at = text.IndexOf("\"niveau\":\"GRIP1\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        return Encoding.UTF8.GetBytes(text.Insert(at, "\"niveau\":\"GRIP4\",").Remove(at + 17, 8).Insert(at + 17, "\"niv\\u0065au\""));
    }

    [Fact]
    public void The_poisoned_message_differs_from_a_valid_one_only_by_the_second_member()
    {
        var text = Encoding.UTF8.GetString(Poisoned());
        Assert.Contains("\"niveau\":\"GRIP4\",\"niv\\u0065au\":\"GRIP1\"", text, StringComparison.Ordinal);
        Assert.True(new MessageValidator().Validate(Encoding.UTF8.GetBytes(text.Replace("\"niveau\":\"GRIP4\",", "", StringComparison.Ordinal))).IsValid);
    }

    [Fact]
    public void Json_input_locates_the_second_member_by_pointer_line_and_column()
    {
        var problem = JsonInput.Check(Poisoned())!;
        Assert.Equal(InputProblemKind.DuplicateMember, problem.Kind);
        Assert.Equal("/data/grip/niveau", problem.InstanceLocation);
        Assert.Equal((byte)'"', Poisoned()[problem.ByteOffset]);
        Assert.Contains("Duplicate member name 'niveau'", problem.Text.English, StringComparison.Ordinal);
        Assert.Contains("Dubbele naam 'niveau'", problem.Text.Dutch, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_engine_refuses_it_as_an_instance_and_as_a_schema()
    {
        var schema = JsonSchema.FromText("""{"type": "object"}""");
        var error = Assert.Throws<InvalidInstanceException>(() => schema.Evaluate(Poisoned()));
        Assert.Equal(InputProblemKind.DuplicateMember, error.Problem!.Kind);
        var bad = Assert.Throws<InvalidSchemaException>(() => JsonSchema.FromText("""{"type": "object", "type": "string"}"""));
        Assert.Equal(InputProblemKind.DuplicateMember, bad.Problem!.Kind);
        Assert.Equal(1, bad.LineNumber);
    }

    [Fact]
    public void Validation_and_the_generated_readers_refuse_it_with_vr_json_004_at_the_member()
    {
        var finding = Assert.Single(new MessageValidator().Validate(Poisoned()).Errors);
        Assert.Equal((DomainRules.DuplicateMemberCode, "/data/grip/niveau"), (finding.Code, finding.InstanceLocation));

        Assert.Null(Messages.Read(Poisoned(), out var violations));
        var violation = Assert.Single(violations);
        Assert.Equal(("duplicateMember", "/data/grip/niveau"), (violation.Keyword, violation.InstanceLocation));

        Assert.Null(Message.Read<Incident>(Poisoned(), out var errors));
        Assert.Contains("Duplicate member name", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_verifying_and_sharing_refuse_it()
    {
        Assert.Throws<CanonicalizationException>(() => JsonCanonicalizer.Canonicalize(Poisoned()));
        var verification = new MessageVerifier(new VerifierOptions()).Verify(Poisoned());
        Assert.Equal(SignatureCodes.NotCanonical, verification.Code);
        var decision = new SharingPolicy(TestMessages.Register).Decide(Poisoned(), TestMessages.Node);
        Assert.Equal(SharingVerdict.Refuse, decision.Verdict);
        Assert.Equal("VR-JSON-004", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public async Task The_transport_refuses_it_before_any_step_reads_it_even_with_every_step_off()
    {
        var error = Assert.Throws<TransportMessageException>(() => TransportMessage.Parse(Poisoned()));
        Assert.Equal(("VR-JSON-004", "/data/grip/niveau"), (error.Code, error.Location));

        var handled = 0;
        var receiver = new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off, Validation = ValidationMode.Off })
            .HandleOther((_, _) =>
            {
                handled++;
                return ValueTask.CompletedTask;
            });
        var outcome = await receiver.ReceiveAsync(Poisoned());
        Assert.Equal(ReceiveStatus.Refused, outcome.Status);
        Assert.Equal(("VR-JSON-004", "/data/grip/niveau"), (outcome.Problems[0].Code, outcome.Problems[0].Location));
        Assert.Equal(0, handled);
    }

    [Fact]
    public void Every_release_example_still_reads_and_large_objects_with_unique_names_are_no_duplicates()
    {
        foreach (var release in Standard.Releases)
        {
            foreach (var example in release.Examples)
            {
                Assert.Null(JsonInput.Check(example.Utf8.Span));
            }
        }

        var members = string.Join(',', Enumerable.Range(0, 5000).Select(i => $"\"m{i}\":{i}"));
        Assert.Null(JsonInput.Check(Encoding.UTF8.GetBytes("{" + members + "}")));
        var twice = JsonInput.Check(Encoding.UTF8.GetBytes("{" + members + ",\"m4321\":0}"))!;
        Assert.Equal(("/m4321", InputProblemKind.DuplicateMember), (twice.InstanceLocation, twice.Kind));
    }
}
