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
}
