using System.Text;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Versiebeheer;
using V1 = Vr.Standaarden.Model;
using V2 = Vr.Standaarden.Model.V2;

namespace Vr.Standaarden.Model.V2.Tests;

/// <summary>
/// Two major lines side by side: the 1.x model reads every 1.x release, the 2.x model (generated from the test-only
/// release 2.0) reads 2.0, and one program uses both types of the same name.
/// </summary>
public sealed class MajorLinesTests
{
    private static readonly string Spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec");

    [Fact]
    public void The_1_x_model_is_generated_from_the_newest_1_x_and_reads_messages_of_every_1_x_release()
    {
        Assert.Equal(Standard.NewestOf(1)!.Name, V1.Messages.Release);
        Assert.Equal(V1.BerichtSchema.SchemaId, Standard.NewestOf(1)!.Schema("bericht").Id);
        foreach (var release in Standard.Line(1))
        {
            foreach (var example in release.Examples.Where(e => e.Path.StartsWith("voorbeelden/geldig/bericht-", StringComparison.Ordinal)))
            {
                var message = V1.Messages.Read(example.Utf8.Span, out var errors);
                Assert.True(message is not null && errors.Count == 0, $"{release.Name} {example.Path}: {string.Join("; ", errors)}");
            }
        }
    }

    [Fact]
    public void Types_of_both_lines_live_side_by_side_and_each_reads_its_own_line()
    {
        Assert.NotEqual(typeof(V1.Incident), typeof(V2.Incident));
        Assert.Equal("Vr.Standaarden.Model.V2", typeof(V2.Incident).Namespace);
        Assert.Equal("Vr.Standaarden.Model", typeof(V1.Incident).Namespace);
        Assert.Equal("https://vr-standaarden.github.io/spec/2.0/schemas/incident.schema.json", V2.IncidentSchema.SchemaId);

        // A 1.0 message, migrated to 2.0, is read by the 2.x types and is not a message the 1.x types accept.
        var original = File.ReadAllBytes(Path.Combine(Spec, "1.0", "voorbeelden", "geldig", "bericht-incident-envelop.json"));
        var migrator = new Migrator([.. Standard.Releases, StandardRelease.Load(Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "spec", "2.0"))]);
        var result = migrator.Migrate(original, "2.0");
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var bytes = Encoding.UTF8.GetBytes(result.Message!.ToJsonString());

        var errors = new List<Vr.Standaarden.Schema.Compiled.SchemaViolation>();
        var two = V2.Bericht.Read(bytes, errors);
        Assert.Empty(errors);
        var incident = V2.Incident.Read(Encoding.UTF8.GetBytes(result.Message["data"]!.ToJsonString()), errors);
        Assert.Empty(errors);
        Assert.Equal(1, incident!.Versie);
        Assert.Equal("nl.veiligheidsregio.incident.v2", two!.Type);

        // The 1.x types do not take 2.0 data: fase is missing there, incidentfase and versie unknown.
        var oneErrors = new List<Vr.Standaarden.Schema.Compiled.SchemaViolation>();
        V1.Incident.Read(Encoding.UTF8.GetBytes(result.Message["data"]!.ToJsonString()), oneErrors);
        Assert.Contains(oneErrors, e => e.ToString().Contains("fase", StringComparison.Ordinal));
        var v1 = V1.Messages.Read(original, out var originalErrors);
        Assert.Empty(originalErrors);
        Assert.Equal(v1!.Data.GetProperty("fase").GetString(), result.Message["data"]!["incidentfase"]!.GetValue<string>());
        Assert.Equal(typeof(V2.Incidentfase), incident.Incidentfase.GetType());
    }
}
