using System.Reflection;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Knooppunt.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Vr.Standaarden.Knooppunt")]
    [InlineData("Vr.Standaarden.Koppelvlakken")]
    public void Public_api_matches_the_approved_file(string assembly) =>
        PublicApiApproval.Verify(Assembly.Load(assembly));
}
