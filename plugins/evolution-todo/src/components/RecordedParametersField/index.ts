export {
  RecordedParametersField,
  type RecordedParametersFieldOptions,
} from './RecordedParametersField';
