using System.Text;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Model.Tests;

/// <summary>Broken input never escapes as an exception from a generated reader: it becomes violations.</summary>
public sealed class RobustnessTests
{
    private static readonly byte[] Incident = File.ReadAllBytes(Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0", "voorbeelden", "geldig", "bericht-incident-envelop.json"));

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_messages_give_violations_not_exceptions(int seed)
    {
        var random = new Random(seed);
        var text = Encoding.UTF8.GetString(Incident);
        const string Replacements = "{}[]\",:0-1.e9 tZ\\\u00e9x";
        for (var round = 0; round < 100; round++)
        {
            var chars = text.ToCharArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                chars[random.Next(chars.Length)] = Replacements[random.Next(Replacements.Length)];
            }

            var mutated = Encoding.UTF8.GetBytes(random.Next(5) == 0 ? new string(chars, 0, random.Next(chars.Length)) : new string(chars));
            var errors = new List<SchemaViolation>();
            var message = Bericht.Read(mutated, errors);
            if (message is not null)
            {
                // Whatever was read can be written and read again.
                var again = new List<SchemaViolation>();
                Assert.NotNull(Bericht.Read(message.ToUtf8Json(), again));
            }

            Assert.True(message is not null || errors.Count > 0, "a message that could not be read must say why");
        }
    }
}
