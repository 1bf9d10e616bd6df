using System.Text.Json;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Spec.Tests;

/// <summary>The recipient register has its own schema in meta/, in the shape other tools write.</summary>
public sealed class RegisterSchemaTests
{
    private static JsonSchema Schema()
    {
        var release = Standard.Release("1.1");
        var registry = new SchemaRegistry();
        foreach (var file in release.Definitions)
        {
            registry.Register(file.Root);
        }

        return JsonSchema.FromElement(release.Find("meta/afnemers.schema.json")!.Root, new JsonSchemaOptions { AssertFormat = true, Registry = registry });
    }

    [Theory]
    [InlineData("""{"afnemers":[]}""", true)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","naam":"GHOR Haaglanden","organisatie":"00000001823288444000","gemeenschappen":["VR15"],"doelen":["incidentbestrijding","crisisbeheersing"],"persoonsgegevens":["gewoon","bijzonder"],"rubricering":"DEP-V"}]}""", true)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","naam":"Minimaal","doelen":[]}]}""", true)]
    [InlineData("""{"afnemers":[{"oin":"123","naam":"Kort OIN","doelen":[]}]}""", false)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","naam":"Onbekend doel","doelen":["nieuwsgierigheid"]}]}""", false)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","naam":"Te hoog","doelen":[],"rubricering":"STG-X"}]}""", false)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","naam":"Soort","doelen":[],"persoonsgegevens":["gevoelig"]}]}""", false)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","doelen":[]}]}""", false)]
    [InlineData("""{"afnemers":[{"oin":"00000004000000015000","naam":"Eigen veld van een ander hulpmiddel","doelen":[],"contact":"x"}],"bron":"y"}""", true)]
    public void Registers_are_valid_exactly_when_they_have_the_documented_shape(string register, bool valid)
    {
        using var document = JsonDocument.Parse(register);
        Assert.Equal(valid, Schema().IsValid(document.RootElement));
    }
}
