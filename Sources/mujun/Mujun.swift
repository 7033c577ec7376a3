import MujunDatabase
import MujunIngest
import MujunResources
@main struct Mujun { static func main() { print(libpqVersion(), csvProbe(), MujunResources.sqlDirectory.path) } }
