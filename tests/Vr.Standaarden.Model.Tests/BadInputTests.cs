using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Model.Tests;

/// <summary>The generated readers refuse bytes that are not UTF-8 JSON with one located violation, never an exception.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, long> Cases => BadInput.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_bad_file_gives_one_located_violation(string file, string kind, long offset)
    {
        var bytes = BadInput.Bytes(file);

        var message = Messages.Read(bytes, out var errors);

        Assert.Null(message);
        var error = Assert.Single(errors);
        Assert.Equal(kind, error.Problem?.Kind.ToString());
        Assert.Equal(kind == "Syntax" ? "json" : "encoding", error.Keyword);
        Assert.Equal("", error.InstanceLocation);
        if (kind != "Syntax")
        {
            // The reader and the input check agree on where the encoding breaks.
            Assert.Equal(JsonInput.Check(bytes), error.Problem);
        }

        if (offset >= 0)
        {
            Assert.Equal(offset, error.Problem!.ByteOffset);
        }
    }

    [Fact]
    public void Limits_are_applied_before_reading()
    {
        var bytes = BadInput.Bytes("utf8-bom-valid.json");
        Assert.NotNull(Messages.Read(bytes, out var none));
        Assert.Empty(none);

        Assert.Null(Messages.Read(bytes, new InputLimits(100, 64), out var tooLarge));
        Assert.Equal("maxBytes", Assert.Single(tooLarge).Keyword);

        Assert.Null(Messages.Read(bytes, new InputLimits(InputLimits.DefaultMaxBytes, 2), out var tooDeep));
        Assert.Equal(InputProblemKind.TooDeep, Assert.Single(tooDeep).Problem?.Kind);
    }
}
