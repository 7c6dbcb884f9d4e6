namespace Dispatch.Contracts.Org;

/// <summary>
/// A unit's boundary (四至) as one closed outer ring of WGS-84 positions, longitude first as in
/// GeoJSON (RFC 7946 §3.1.6): the first and last positions are equal.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GeoPolygon([property: Id(0)] IReadOnlyList<GeoPoint> Ring);

/// <summary>A WGS-84 position.</summary>
[GenerateSerializer, Immutable]
public readonly record struct GeoPoint([property: Id(0)] double Longitude, [property: Id(1)] double Latitude);
