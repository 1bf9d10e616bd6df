using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Validatie.Tests;

/// <summary>A message is checked by the schemas and code lists of the release its dataschema names.</summary>
public sealed class ReleaseTests
{
    private static JsonObject Example(string release) =>
        JsonNode.Parse(Standard.Release(release).Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();

    [Fact]
    public void Each_release_judges_its_own_messages()
    {
        var validator = new MessageValidator();
        foreach (var release in Standard.Releases)
        {
            var message = Example(release.Name);
            message["jws"] = "not a signature";
            var result = validator.Validate(System.Text.Encoding.UTF8.GetBytes(message.ToJsonString()));
            Assert.Equal(release.Name, result.Release);

            // Release 1.1 defines jws; to 1.0 it is just another extension attribute.
            var jwsErrors = result.Errors.Where(f => f.InstanceLocation == "/jws").ToList();
            if (release.Name == "1.0")
            {
                Assert.Empty(jwsErrors);
            }
            else
            {
                Assert.Single(jwsErrors);
            }
        }
    }

    [Fact]
    public void Code_lists_are_those_of_the_release_named()
    {
        foreach (var release in Standard.Releases)
        {
            Assert.Same(Begrippen.Codelijsten.Get("grip-niveau", release.Name), Begrippen.Codelijsten.Get("grip-niveau", release.Name));
            Assert.True(Begrippen.Codelijsten.TryGet("tlp", release.Name, out var tlp));
            Assert.NotNull(tlp!.Find("TLP:RED"));
        }

        Assert.NotSame(Begrippen.Codelijsten.Get("grip-niveau", "1.0"), Begrippen.Codelijsten.Get("grip-niveau", "1.1"));
        Assert.False(Begrippen.Codelijsten.TryGet("tlp", "0.9", out _));
        var error = Assert.Throws<KeyNotFoundException>(() => Begrippen.Codelijsten.Get("tlp", "0.9"));
        Assert.Contains("there are: 1.0, 1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_readers_fast_path_gives_the_same_findings_as_the_engine_for_every_example_in_every_release()
    {
        var engine = new MessageValidator();
        var fast = new MessageValidator(new ValidationOptions { GeneratedReaders = true });
        var compared = 0;
        var invalid = 0;
        foreach (var release in Standard.Releases)
        {
            var envelope = Example(release.Name);
            foreach (var file in release.Files.Where(f => f.Path.StartsWith("voorbeelden/", StringComparison.Ordinal) && !f.Path.EndsWith(".verwacht.json", StringComparison.Ordinal) && f.Path.EndsWith(".json", StringComparison.Ordinal)))
            {
                var name = file.Path.Split('/')[^1];
                var entity = name.Split('-')[0];
                byte[] bytes;
                if (entity == "bericht")
                {
                    bytes = file.Utf8.ToArray();
                }
                else if (release.Find($"schemas/{entity}.schema.json") is not null && JsonNode.Parse(file.Utf8.Span) is JsonObject data)
                {
                    var message = envelope.DeepClone().AsObject();
                    message["type"] = $"nl.veiligheidsregio.{entity}.v1";
                    message["dataschema"] = $"https://vr-standaarden.github.io/spec/{release.Name}/schemas/{entity}.schema.json";
                    message["data"] = data;
                    bytes = System.Text.Encoding.UTF8.GetBytes(message.ToJsonString());
                }
                else
                {
                    continue;
                }

                var expected = engine.Validate(bytes);
                var actual = fast.Validate(bytes);
                Assert.True(expected.Findings.SequenceEqual(actual.Findings), $"{release.Name}/{file.Path}: engine [{string.Join("; ", expected.Findings)}] but fast path [{string.Join("; ", actual.Findings)}]");
                compared++;
                invalid += expected.IsValid ? 0 : 1;
            }
        }

        Assert.True(compared > 100 && invalid > 30, $"{compared} messages compared, {invalid} invalid");
    }
}
