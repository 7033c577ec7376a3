import CLibPQ
import MujunResources
public func libpqVersion() -> Int { Int(PQlibVersion()) }
