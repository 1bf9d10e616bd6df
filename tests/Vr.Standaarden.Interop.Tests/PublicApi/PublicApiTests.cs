using System.Reflection;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Interop.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Vr.Standaarden.Interop.Cap")]
    [InlineData("Vr.Standaarden.Interop.P2000")]
    [InlineData("Vr.Standaarden.Interop.Edxl")]
    [InlineData("Vr.Standaarden.Interop.GeoJson")]
    public void Public_api_matches_the_approved_file(string assembly) =>
        PublicApiApproval.Verify(Assembly.Load(assembly));
}
