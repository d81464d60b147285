/// The production `RandomSource`: the system generator.
public struct SystemRandomSource: RandomSource {
    public init() {}

    public func nextUnit() -> Double { Double.random(in: 0..<1) }
}
