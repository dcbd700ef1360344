export { startScriptedTeacher, type ScriptedTeacher, type ScriptedTeacherOptions } from './server';
export { decide, findTarget, planGuard, type StrategyOptions } from './strategy';
