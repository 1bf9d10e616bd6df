using System.Text.Json.Nodes;

namespace Vr.Standaarden.Validatie.Tests;

public sealed class MessageValidatorTests
{
    public static TheoryData<string> ValidEntityExamples() =>
        [.. Directory.GetFiles(Path.Combine(Messages.Spec, "voorbeelden", "geldig"), "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ValidEntityExamples))]
    public void Every_valid_example_of_the_spec_passes_schema_and_rules(string name)
    {
        var example = Messages.Example("geldig", name);
        var entity = name.Split('-')[0];
        var message = entity == "bericht" ? example : Messages.Envelope(entity, example);
        var result = Messages.Validate(message);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("1.0", result.Release);
    }

    [Fact]
    public void Schema_errors_and_rule_findings_come_back_in_one_list()
    {
        var message = Messages.Incident();
        message["tlp"] = "TLP:PURPLE";
        message["data"]!["grip"]!["niveau"] = "GRIP2";
        var result = Messages.Validate(message);
        Assert.False(result.IsValid);
        var schema = Assert.Single(result.Findings, f => f.Code == DomainRules.SchemaCode);
        Assert.Equal(("/tlp", "enum"), (schema.InstanceLocation, schema.Keyword));
        Assert.Contains(result.Findings, f => f.Code == "VR-GRIP-001" && f.InstanceLocation == "/data/grip/niveau");
    }

    [Fact]
    public void Text_that_is_not_json_is_one_located_finding()
    {
        var result = new MessageValidator().Validate("{\n  \"id\": ,\n}"u8);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(DomainRules.JsonCode, finding.Code);
        Assert.Contains("line 2, column", finding.Message, StringComparison.Ordinal);
        Assert.Null(result.Release);
    }

    [Fact]
    public void A_message_held_as_the_generated_model_gets_the_same_findings_as_its_json()
    {
        var json = Messages.Incident();
        json["data"]!["grip"]!["niveau"] = "GRIP2";
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(json);
        var model = Vr.Standaarden.Model.Messages.Read(bytes, out var violations)!;
        Assert.Empty(violations);

        var fromModel = new MessageValidator().Validate(model);
        var fromJson = new MessageValidator().Validate(bytes);
        Assert.Equal(fromJson.Findings.Select(f => (f.Code, f.InstanceLocation)), fromModel.Findings.Select(f => (f.Code, f.InstanceLocation)));
        Assert.Contains(fromModel.Findings, f => f.Code == "VR-GRIP-001");
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        byte[] message = [0xEF, 0xBB, 0xBF, .. System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Messages.Incident())];
        Assert.True(new MessageValidator().Validate(message).IsValid);
    }

    [Fact]
    public void An_unknown_release_is_named()
    {
        var message = Messages.Incident();
        message["dataschema"] = "https://vr-standaarden.github.io/spec/7.3/schemas/incident.schema.json";
        var finding = Assert.Single(Messages.Validate(message).Findings);
        Assert.Equal(DomainRules.ReleaseCode, finding.Code);
        Assert.Contains("is not a schema of a known release", finding.Message, StringComparison.Ordinal);
        Assert.Contains("met release 1.0", finding.Dutch, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_has_a_stable_code_severity_and_both_languages()
    {
        Assert.All(DomainRules.All, r =>
        {
            Assert.Matches("^VR-[A-Z]+-[0-9]{3}$", r.Code);
            Assert.False(string.IsNullOrWhiteSpace(r.Omschrijving));
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
        });
        Assert.Equal(DomainRules.All.Count, DomainRules.All.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void A_foreign_message_type_gets_the_envelope_rules_only()
    {
        var message = Messages.Incident();
        message["type"] = "nl.vrhaaglanden.proef.v1";
        message["dataschema"] = "https://vr-standaarden.github.io/spec/1.0/schemas/incident.schema.json";
        message["data"] = new JsonObject { ["vrij"] = "formaat" };
        message["subject"] = "iets-anders";
        var result = Messages.Validate(message);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
