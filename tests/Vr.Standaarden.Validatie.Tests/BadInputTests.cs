using System.Text;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Validatie.Tests;

/// <summary>Bytes that are not a readable message give one located finding, never an exception and never "valid".</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, long> Cases => BadInput.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_bad_file_gives_one_located_finding(string file, string kind, long offset)
    {
        var bytes = BadInput.Bytes(file);
        var result = new MessageValidator().Validate(bytes);

        Assert.False(result.IsValid);
        Assert.Null(result.Release);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(kind == "Syntax" ? DomainRules.JsonCode : DomainRules.EncodingCode, finding.Code);
        Assert.Equal(JsonInput.Check(bytes)!.Text, finding.Text);
        if (offset >= 0)
        {
            Assert.Contains($"byte {offset}", finding.English, StringComparison.Ordinal);
            Assert.Contains($"byte {offset}", finding.Dutch, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped()
    {
        var result = new MessageValidator().Validate(BadInput.Bytes("utf8-bom-valid.json"));
        Assert.True(result.IsValid, string.Join("\n", result.Findings));
    }

    [Fact]
    public void A_message_beyond_the_size_limit_is_refused_unread_with_its_true_length()
    {
        var bytes = BadInput.Bytes("utf8-bom-valid.json");
        var options = new ValidationOptions { Limits = new InputLimits(bytes.Length - 1, 64) };

        var fromBytes = Assert.Single(new MessageValidator(options).Validate(bytes).Findings);
        var fromStream = Assert.Single(new MessageValidator(options).Validate(new MemoryStream(bytes)).Findings);

        Assert.Equal(DomainRules.LimitCode, fromBytes.Code);
        Assert.Equal($"The document is {bytes.Length} bytes, more than the limit of {bytes.Length - 1} bytes.", fromBytes.English);
        Assert.Equal(fromBytes, fromStream);
        Assert.True(new MessageValidator(new ValidationOptions { Limits = new InputLimits(bytes.Length, 64) }).Validate(new MemoryStream(bytes)).IsValid);
    }

    [Fact]
    public void A_message_nested_beyond_the_depth_limit_is_refused_with_its_position()
    {
        var message = Messages.Incident();
        message["data"]!["extra"] = System.Text.Json.Nodes.JsonNode.Parse(new string('[', 70) + new string(']', 70), null, new System.Text.Json.JsonDocumentOptions { MaxDepth = 100 });
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());

        var finding = Assert.Single(new MessageValidator().Validate(bytes).Findings);

        Assert.Equal(DomainRules.LimitCode, finding.Code);
        Assert.Contains("exceeds the limit of 64", finding.English, StringComparison.Ordinal);
        Assert.Contains("overschrijdt de grens van 64", finding.Dutch, StringComparison.Ordinal);
        var read = new MessageValidator(new ValidationOptions { Limits = new InputLimits(InputLimits.DefaultMaxBytes, 80) }).Validate(bytes);
        Assert.Equal("/data/extra", Assert.Single(read.Findings).InstanceLocation);
    }

    /// <summary>
    /// Three shapes of a large message: one long text, a long list of identifiers (each checked by pattern, uniqueness
    /// and the rules), and a polygon of many positions (each checked by the geometry schema and the location rules).
    /// </summary>
    [Theory]
    [InlineData("text")]
    [InlineData("identifiers")]
    [InlineData("polygon")]
    public void Memory_while_validating_a_large_message_stays_within_a_small_multiple_of_its_size(string shape)
    {
        var message = Messages.Incident();
        if (shape == "text")
        {
            message["data"]!["locatie"]!["omschrijving"] = new string('x', 4 * 1024 * 1024);
        }
        else if (shape == "polygon")
        {
            // A ring of 20,000 positions around the Binnenhof in RD, each checked against the area of the Netherlands.
            var ring = new System.Text.Json.Nodes.JsonArray();
            for (var i = 0; i <= 20_000; i++)
            {
                var angle = 2 * Math.PI * (i % 20_000) / 20_000;
                ring.Add(new System.Text.Json.Nodes.JsonArray(
                    System.Text.Json.Nodes.JsonValue.Create(Math.Round(81390.2 + (500 * Math.Cos(angle)), 1)),
                    System.Text.Json.Nodes.JsonValue.Create(Math.Round(455480.7 + (500 * Math.Sin(angle)), 1))));
            }

            message["data"]!["locatie"]!["geometrie"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Polygon", ["coordinates"] = new System.Text.Json.Nodes.JsonArray(ring) };
        }
        else
        {
            var ids = new System.Text.Json.Nodes.JsonArray();
            for (var i = 0; i < 100_000; i++)
            {
                ids.Add(System.Text.Json.Nodes.JsonValue.Create($"MK15-2026-{i:D6}"));
            }

            message["data"]!["meldingIds"] = ids;
        }

        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        var validator = new MessageValidator();
        validator.Validate(bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = validator.Validate(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The long text breaks the standard's maxLength of 20,000 characters, and only that; the list is valid.
        Assert.Equal(shape == "text" ? ["maxLength"] : [], result.Findings.Select(f => f.Keyword));
        Assert.True(allocated < 8L * bytes.Length, $"Validating {bytes.Length} bytes allocated {allocated} bytes ({(double)allocated / bytes.Length:F2}x).");
    }
}
