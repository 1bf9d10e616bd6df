// A program that only has the Vr.Standaarden packages from a NuGet feed.
System.Console.WriteLine("consumer: built against the packed Vr.Standaarden packages");
